import type { z } from 'zod';
import { catalogService, catalogState } from './catalog.ts';
import { crmService, crmState } from './crm.ts';
import { directoryService, directoryState } from './directory.ts';
import { helpdeskService, helpdeskState } from './helpdesk.ts';
import { infraService, infraState } from './infra.ts';
import { inventoryService, inventoryState } from './inventory.ts';
import { mediaService, mediaState } from './media.ts';
import { ordersService, ordersState } from './orders.ts';
import { researchService, researchState } from './research.ts';
import type { Service } from './types.ts';

type ServiceKind<S extends z.ZodType> = { state: S; create(state: z.infer<S>): Service };

/** Every simulated service by name, with the schema of the initial state a scenario gives it. */
export const serviceKinds = {
  orders: { state: ordersState, create: ordersService },
  crm: { state: crmState, create: crmService },
  inventory: { state: inventoryState, create: inventoryService },
  catalog: { state: catalogState, create: catalogService },
  research: { state: researchState, create: researchService },
  directory: { state: directoryState, create: directoryService },
  media: { state: mediaState, create: mediaService },
  infra: { state: infraState, create: infraService },
  helpdesk: { state: helpdeskState, create: helpdeskService },
} satisfies Record<string, ServiceKind<any>>;

export type ServiceName = keyof typeof serviceKinds;
