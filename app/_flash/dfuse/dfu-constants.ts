/** USB DFU 1.1 class requests, states and status codes, with messages a person can act on. */

export const DfuRequest = {
  DETACH: 0,
  DNLOAD: 1,
  UPLOAD: 2,
  GETSTATUS: 3,
  CLRSTATUS: 4,
  GETSTATE: 5,
  ABORT: 6,
} as const;

export const DfuState = {
  appIDLE: 0,
  appDETACH: 1,
  dfuIDLE: 2,
  dfuDNLOAD_SYNC: 3,
  dfuDNBUSY: 4,
  dfuDNLOAD_IDLE: 5,
  dfuMANIFEST_SYNC: 6,
  dfuMANIFEST: 7,
  dfuMANIFEST_WAIT_RESET: 8,
  dfuUPLOAD_IDLE: 9,
  dfuERROR: 10,
} as const;
export type DfuStateName = keyof typeof DfuState;

export const DfuStatus = {
  OK: 0x00,
  errTARGET: 0x01,
  errFILE: 0x02,
  errWRITE: 0x03,
  errERASE: 0x04,
  errCHECK_ERASED: 0x05,
  errPROG: 0x06,
  errVERIFY: 0x07,
  errADDRESS: 0x08,
  errNOTDONE: 0x09,
  errFIRMWARE: 0x0a,
  errVENDOR: 0x0b,
  errUSBR: 0x0c,
  errPOR: 0x0d,
  errUNKNOWN: 0x0e,
  errSTALLEDPKT: 0x0f,
} as const;
export type DfuStatusName = keyof typeof DfuStatus;

/** DfuSe (ST AN3156) commands sent as the payload of DNLOAD block 0. */
export const DfuseCommand = {
  GET_COMMANDS: 0x00,
  SET_ADDRESS: 0x21,
  ERASE: 0x41,
  READ_UNPROTECT: 0x92,
} as const;

const STATUS_MESSAGES: Record<DfuStatusName, string> = {
  OK: "No error.",
  errTARGET: "The file is not targeted for this device, or the address is not supported by the bootloader.",
  errFILE: "The file failed the device's vendor-specific checks.",
  errWRITE: "The chip refused a write (errWRITE): the sector may be write-protected.",
  errERASE: "The chip failed to erase a sector (errERASE): the sector may be write-protected.",
  errCHECK_ERASED: "The chip found a sector not blank after erasing it (errCHECK_ERASED).",
  errPROG: "Programming failed (errPROG): the flash was not erased or the write was rejected.",
  errVERIFY: "The chip's own check of the programmed memory failed (errVERIFY).",
  errADDRESS: "The bootloader rejected the address (errADDRESS): it is outside the chip's memory.",
  errNOTDONE: "The bootloader expected more data before leaving DFU mode (errNOTDONE).",
  errFIRMWARE: "The firmware on the chip is corrupt; the bootloader cannot leave DFU mode (errFIRMWARE).",
  errVENDOR: "The bootloader reported a vendor-specific error (errVENDOR).",
  errUSBR: "The bootloader saw an unexpected USB reset (errUSBR).",
  errPOR: "The bootloader saw an unexpected power-on reset (errPOR).",
  errUNKNOWN: "The bootloader reported an unknown error (errUNKNOWN).",
  errSTALLEDPKT: "The bootloader stalled an unexpected request (errSTALLEDPKT).",
};

export function statusName(status: number): string {
  const entry = Object.entries(DfuStatus).find(([, code]) => code === status);
  return entry ? entry[0] : `status 0x${status.toString(16).padStart(2, "0")}`;
}

export function statusMessage(status: number): string {
  const name = statusName(status);
  return name in STATUS_MESSAGES
    ? STATUS_MESSAGES[name as DfuStatusName]
    : `The bootloader reported an undefined DFU status (${name}).`;
}

export function stateName(state: number): string {
  const entry = Object.entries(DfuState).find(([, code]) => code === state);
  return entry ? entry[0] : `state ${state}`;
}
