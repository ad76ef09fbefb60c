import type { DesignProposal } from "../../../contracts/design";
import type { Extension } from "./extend-spec";

/** What either path (phrases or Claude) proposes, before it is merged into the existing design. */
export interface Proposed extends Extension {
  added: DesignProposal["added"];
  boardReasons: DesignProposal["boardReasons"];
  warnings: string[];
}
