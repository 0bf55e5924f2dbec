// Prints ACCOUNTS JSON for one paper account with a fresh API key made by the same signer ccxt uses, for run.sh.
// Usage: node keygen.mjs <account index> <api key index>
import fs from 'node:fs';
import { SIGNER_WASM } from './signer-shim.mjs';

const [accountIndex, apiKeyIndex] = process.argv.slice(2).map(Number);
if (!Number.isInteger(accountIndex) || !Number.isInteger(apiKeyIndex)) {
  console.error('usage: node keygen.mjs <account index> <api key index>');
  process.exit(2);
}
const go = new globalThis.Go();
const { instance } = await WebAssembly.instantiate(fs.readFileSync(SIGNER_WASM), go.importObject);
go.run(instance);
const key = globalThis.GenerateAPIKey();
if (key.error || !key.privateKey) {
  console.error(`GenerateAPIKey failed: ${key.error}`);
  process.exit(1);
}
console.log(JSON.stringify([{ index: accountIndex, api_index: apiKeyIndex, private_key: key.privateKey }]));
// The Go program never exits on its own: it waits for calls.
process.exit(0);
