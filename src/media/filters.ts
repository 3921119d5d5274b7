/** Small filter-graph pieces shared by the ffmpeg provider and compose. */

export interface Size {
  width: number;
  height: number;
}

/** Most encoders (yuv420p) need even sides. */
export function evenSize(size: Size): Size {
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  return { width: even(size.width), height: even(size.height) };
}

/** Fills exactly WxH, cropping what overflows (frames, stills to animate). */
export function coverFilter(size: Size): string {
  return `scale=${size.width}:${size.height}:force_original_aspect_ratio=increase,crop=${size.width}:${size.height},setsar=1`;
}

/** Fits inside WxH and pads the rest with black (clips of another shape in a sequence). */
export function fitFilter(size: Size): string {
  return `scale=${size.width}:${size.height}:force_original_aspect_ratio=decrease,pad=${size.width}:${size.height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1`;
}

/** Scales a size down (never up) so its longer side is at most `max`, keeping the aspect ratio. */
export function capLongSide(size: Size, max: number): Size {
  const long = Math.max(size.width, size.height);
  if (long <= max) return evenSize(size);
  const k = max / long;
  return evenSize({ width: size.width * k, height: size.height * k });
}
