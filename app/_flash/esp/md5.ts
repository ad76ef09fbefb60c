import SparkMD5 from "spark-md5";

/** Lower-case hex MD5, the form esptool-js compares with the chip's SPI_FLASH_MD5 answer (WebCrypto has no MD5). */
export function md5Hex(data: Uint8Array): string {
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  const buffer = whole && data.buffer instanceof ArrayBuffer ? data.buffer : data.slice().buffer;
  return SparkMD5.ArrayBuffer.hash(buffer);
}
