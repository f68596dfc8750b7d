// Print, as JSON, the byte ranges pdf.js (the reader's build and settings) asks for
// before it can draw page 1 of FILE: [[begin, end], ...] in the order asked.
//     node bench/_pdfjs_ranges.mjs FILE
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pdfjs = await import(path.join(root, "node_modules/pdfjs-dist/legacy/build/pdf.mjs"));
const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const ranges = [];
const transport = new pdfjs.PDFDataRangeTransport(data.length, null);
transport.requestDataRange = (begin, end) => {
  ranges.push([begin, end]);
  setTimeout(() => transport.onDataRange(begin, data.slice(begin, end)), 0);
};
const doc = await pdfjs.getDocument({range: transport, length: data.length, rangeChunkSize: 65536,
                                     disableAutoFetch: true, disableStream: true,
                                     isEvalSupported: false}).promise;
const page = await doc.getPage(1);
await page.getOperatorList();
await doc.destroy();
process.stdout.write("\n" + JSON.stringify(ranges) + "\n");
