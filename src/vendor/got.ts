/**
 * got, as the HTTP layer imports it. The build replaces the compiled form of this file with got
 * bundled into one module (scripts/build-vendor.mjs): as its 56 modules got took ≈72 ms of every
 * networked command's start-up, as one ≈39 ms. From src (tests) it is the package.
 */
export { default } from 'got';
