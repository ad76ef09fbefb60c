// Headers anywhere in the source tree resolve from its root; a flood of errors is cut short before the output limit.
export const SOURCE_FLAGS = ["-I.", "-fmax-errors=20"];

/** arm-none-eabi-gcc -> arm-none-eabi-objcopy: binutils of the same target sit beside the driver. */
export function siblingTool(compiler: string, tool: string): string {
  if (!/^[\w.+-]*gcc$/.test(compiler)) throw new Error(`Unexpected compiler name ${JSON.stringify(compiler)}`);
  return compiler.replace(/gcc$/, tool);
}

/** Drops repeated single-word flags (boards list -mmcu in both cflags and ldflags), keeping the first position. */
export function unique(flags: string[]): string[] {
  return flags.filter((flag, index) => flags.indexOf(flag) === index);
}
