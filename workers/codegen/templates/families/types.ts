import type { FirmwareFile } from "../../types";
import type { NodeModel } from "../model";

/** Firmware support for one chip family: turns the node model into the files of a complete project. */
export interface Family {
  readonly id: string;
  files(model: NodeModel): FirmwareFile[];
}
