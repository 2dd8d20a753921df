// Results and orders exchanged with the LIS/RIS: ORU^R01 in, ORM^O01 / OML^O21 both ways.
export { buildOml, buildOrm, type OrderToPlace, parseOrderMessage } from './orders.ts';
export { parseOru, plainText } from './oru.ts';
export type * from './types.ts';
