/** Images imported as assets: Vite turns the import into the built file's URL (served from app://signet). */
declare module '*.png' {
  const url: string;
  export default url;
}
