// The qrcode package ships no types; this is the one call the simulator makes.
declare module 'qrcode' {
  export function toBuffer(text: string, options?: { type?: 'png'; width?: number; margin?: number; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): Promise<Buffer>;
}
