import { catalogService } from './catalog.ts';
import { crmService } from './crm.ts';
import { directoryService } from './directory.ts';
import { helpdeskService } from './helpdesk.ts';
import { infraService } from './infra.ts';
import { inventoryService } from './inventory.ts';
import { mediaService } from './media.ts';
import { ordersService } from './orders.ts';
import { researchService } from './research.ts';

/** Every built-in simulated service by id; each is a `defineService` definition, as a team's own would be. */
export const builtInServices = {
  orders: ordersService,
  crm: crmService,
  inventory: inventoryService,
  catalog: catalogService,
  research: researchService,
  directory: directoryService,
  media: mediaService,
  infra: infraService,
  helpdesk: helpdeskService,
};
