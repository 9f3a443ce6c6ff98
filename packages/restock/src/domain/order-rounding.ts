/** Rounds an order up to the supplier's pack size and minimum order quantity; 0 stays 0. */
export function roundOrderQuantity(quantity: number, o: { moq?: number; packSize?: number } = {}): number {
  if (!(quantity > 0)) return 0;
  const pack = o.packSize && o.packSize > 0 ? o.packSize : 1;
  let q = Math.ceil(quantity / pack - 1e-9) * pack;
  const moq = o.moq ?? 0;
  if (q < moq) q = Math.ceil(moq / pack - 1e-9) * pack;
  return q;
}
