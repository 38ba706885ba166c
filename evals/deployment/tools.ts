import { tools } from '../../scenarios/tools.ts';

// The tools of the deployment this project gates: the support and ordering assistant the catalogue's
// first scenarios simulate. `faultline gate` lints them with ./system-prompt.md.
export default [tools.lookup_customer, tools.list_orders, tools.place_order];
