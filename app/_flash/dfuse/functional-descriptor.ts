/**
 * WebUSB exposes interfaces and their strings but not class-specific descriptors, so the DFU functional
 * descriptor (type 0x21: attributes, detach timeout, wTransferSize, bcdDFUVersion) has to be dug out of
 * the raw configuration descriptor, fetched with a standard GET_DESCRIPTOR request.
 */
import type { UsbDeviceLike } from "../types";

export interface DfuFunctionalDescriptor {
  /** The interface the descriptor follows. */
  interfaceNumber: number;
  canDownload: boolean;
  canUpload: boolean;
  manifestationTolerant: boolean;
  willDetach: boolean;
  detachTimeoutMs: number;
  /** Bytes per DNLOAD/UPLOAD block. */
  transferSize: number;
  /** 0x0110 for DFU 1.1, 0x011a for ST's DfuSe. */
  dfuVersion: number;
}

const GET_DESCRIPTOR = 6;
const DESCRIPTOR_CONFIGURATION = 2;
const DESCRIPTOR_INTERFACE = 4;
const DESCRIPTOR_DFU_FUNCTIONAL = 0x21;
const DFU_CLASS = 0xfe;
const DFU_SUBCLASS = 0x01;

/** Reads configuration descriptor number `configIndex` (0-based), header first to learn its length. */
export async function readConfigurationDescriptor(device: UsbDeviceLike, configIndex = 0): Promise<Uint8Array> {
  const read = async (length: number) => {
    const result = await device.controlTransferIn(
      {
        requestType: "standard",
        recipient: "device",
        request: GET_DESCRIPTOR,
        value: (DESCRIPTOR_CONFIGURATION << 8) | configIndex,
        index: 0,
      },
      length,
    );
    if (result.status !== "ok" || !result.data) throw new Error(`GET_DESCRIPTOR(configuration) ${result.status}`);
    return new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength);
  };
  const header = await read(9);
  if (header.length < 4 || header[1] !== DESCRIPTOR_CONFIGURATION) throw new Error("Not a configuration descriptor.");
  const totalLength = header[2] | (header[3] << 8);
  return totalLength <= header.length ? header : read(totalLength);
}

/** Finds the DFU functional descriptor that follows a DFU interface descriptor (any alternate). */
export function parseFunctionalDescriptor(bytes: Uint8Array): DfuFunctionalDescriptor | undefined {
  let dfuInterface: number | undefined;
  for (let offset = 0; offset + 2 <= bytes.length;) {
    const length = bytes[offset];
    const type = bytes[offset + 1];
    if (length < 2 || offset + length > bytes.length) break;
    if (type === DESCRIPTOR_INTERFACE && length >= 9) {
      const isDfu = bytes[offset + 5] === DFU_CLASS && bytes[offset + 6] === DFU_SUBCLASS;
      dfuInterface = isDfu ? bytes[offset + 2] : undefined;
    } else if (type === DESCRIPTOR_DFU_FUNCTIONAL && dfuInterface !== undefined && length >= 7) {
      const attributes = bytes[offset + 2];
      return {
        interfaceNumber: dfuInterface,
        canDownload: (attributes & 0x01) !== 0,
        canUpload: (attributes & 0x02) !== 0,
        manifestationTolerant: (attributes & 0x04) !== 0,
        willDetach: (attributes & 0x08) !== 0,
        detachTimeoutMs: bytes[offset + 3] | (bytes[offset + 4] << 8),
        transferSize: bytes[offset + 5] | (bytes[offset + 6] << 8),
        // DFU 1.0 descriptors stop at 7 bytes.
        dfuVersion: length >= 9 ? bytes[offset + 7] | (bytes[offset + 8] << 8) : 0x0100,
      };
    }
    offset += length;
  }
  return undefined;
}

/**
 * The DFU functional descriptor of the device's configuration `configIndex`, or undefined when the
 * descriptor cannot be read or has none (callers fall back to the STM32 ROM's 2048-byte transfers).
 */
export async function readFunctionalDescriptor(
  device: UsbDeviceLike,
  configIndex = 0,
): Promise<DfuFunctionalDescriptor | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readConfigurationDescriptor(device, configIndex);
  } catch {
    return undefined;
  }
  return parseFunctionalDescriptor(bytes);
}
