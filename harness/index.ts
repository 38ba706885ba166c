/**
 * faultline's public API: what a team's scenarios, services, agents and configs import
 * (`import { defineScenario, defineService } from 'faultline'`). Tests use `faultline/vitest`.
 */
export { defineScenario } from '../scenarios/define.ts';
export type { ScenarioInput } from '../scenarios/schema.ts';
export { defineService, json, problem, type RouteDefinition, type ServiceCall, type ServiceDefinition } from './services/define.ts';
export { commit, fromMswHandlers, type MswServiceOptions } from './services/from-msw.ts';
export { fromCapture, type CaptureServiceOptions } from './services/from-capture.ts';
export type { StandardSchema } from './services/schema-check.ts';
export { defineConfig, type ConfigInput } from './config.ts';
export type { Agent, AgentEnv, AgentLimits, AgentReply, AgentTask, ConfirmationRequest, Effect, ToolSpec } from './agents/types.ts';
export { HISTORY_FORMAT, HistoryFormatError, parseHistory, type HistoryEvent } from './history.ts';
