/** Reads the module grid back out of a QR SVG drawn as `M x y h n v1 h-n z` runs, quiet zone removed. */
export function modulesOfSvg(svg: string): boolean[][] {
  const viewBox = /viewBox="0 0 (\d+) \d+"/.exec(svg);
  if (!viewBox) throw new Error('no viewBox');
  const quietZone = 4;
  const size = Number(viewBox[1]) - quietZone * 2;
  const modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  for (const [, x, y, length] of svg.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    for (let i = 0; i < Number(length); i++) modules[Number(y) - quietZone]![Number(x) - quietZone + i] = true;
  }
  return modules;
}
