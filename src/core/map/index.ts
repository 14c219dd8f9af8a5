export { computeLayout, DEFAULT_UMAP_LIMIT, type Layout, type LayoutMethod, type LayoutOptions } from './layout';
export { pcaLayout } from './pca';
export { umapLayout } from './umapLayout';
export { normalizeLayout } from './normalize';
export { PointGrid, pointInPolygon, type Polygon } from './pointGrid';
