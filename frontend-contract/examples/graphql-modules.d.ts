// Bundlers (Vite `?raw`, webpack `asset/source`) import an operation file as its text.
declare module "*.graphql" {
  const source: string;
  export default source;
}
