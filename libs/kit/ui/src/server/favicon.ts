/** The Mosaic mark: four tiles, one per colour of the palette. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect x="2" y="2" width="13" height="13" rx="3" fill="#2557d6"/>
<rect x="17" y="2" width="13" height="13" rx="3" fill="#0f9d77"/>
<rect x="2" y="17" width="13" height="13" rx="3" fill="#f2a900"/>
<rect x="17" y="17" width="13" height="13" rx="3" fill="#d6456b"/>
</svg>`;
