// The server side of the shared look. Pages' browser code imports `@mosaic/kit-ui/client`.
export { STRICT_CONTENT_SECURITY_POLICY } from '@mosaic/kit-http';
export { FAVICON_SVG } from './server/favicon';
export { ASSET_PREFIX } from './server/asset';
export type { Asset, PageBundle } from './server/asset';
export { bundlePage } from './server/page-bundle';
export { PAGE_MANIFEST } from './server/prebuilt-assets';
export { FAVICON_PATH, pageDocument } from './server/page-document';
export type { PageDocumentOptions } from './server/page-document';
export { assetHandler, CHROME_ENTRY, definePage, KIT_STYLES_ENTRY, pageHandler, pageRouter, SIGN_IN_ENTRY, sendPage, useMosaicUi } from './server/page-router';
export type { PageOptions, SendPageOptions } from './server/page-router';
export { DEFAULT_UI_SETTINGS, SIGN_IN_PATH } from './server/ui-settings';
export type { NavLink, UiSettings } from './server/ui-settings';
