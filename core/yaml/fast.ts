import type { Node } from "../node.ts";
/** placeholder */
export function readFast(_text: string, _file: string): Node | undefined {
  return undefined;
}
