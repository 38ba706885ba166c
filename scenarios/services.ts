import { instantiate } from '../harness/services/instantiate.ts';
import { builtInRegistry, type ServiceRegistry } from '../harness/services/registry.ts';
import type { Service } from '../harness/services/types.ts';
import type { Scenario } from './schema.ts';

// A scenario carries the registry it was validated against under a symbol: copies made with a
// spread (explore's variants) keep it, and it never reaches JSON.
const REGISTRY = Symbol.for('faultline.services');

/** `scenario`, knowing where its services are defined (only when some are the team's own). */
export function withRegistry(scenario: Scenario, registry: ServiceRegistry): Scenario {
  return registry === builtInRegistry ? scenario : Object.assign(scenario, { [REGISTRY]: registry });
}

export const registryOf = (scenario: Scenario): ServiceRegistry => (scenario as { [REGISTRY]?: ServiceRegistry })[REGISTRY] ?? builtInRegistry;

/** The services of one run of `scenario`, each with its state fresh from the scenario's seed. */
export function servicesOf(scenario: Scenario): Service[] {
  const registry = registryOf(scenario);
  return Object.entries(scenario.services).flatMap(([id, seed]) => {
    const definition = registry.get(id);
    return seed === undefined || !definition ? [] : [instantiate(definition, seed)];
  });
}
