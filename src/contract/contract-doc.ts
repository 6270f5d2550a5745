/** The whole data contract (docs/data-contract.md, `hve contract`) as blocks, and its two renderings. */
import { CONTRACT_EXTRACTS, extractBlocks, type ContractExtract } from './extract-doc.js';
import { attendanceRuleBlocks, codeBlocks, filesBlocks, introBlocks, qualityBlocks, rejectBlocks, typeBlocks } from './rules-doc.js';
import { toMarkdown, toText, type DocBlock } from './render-doc.js';

/** The blocks of the whole contract, or of one extract (attendance with its attendance rules). */
export function contractBlocks(extract?: ContractExtract): DocBlock[] {
  if (extract) return [...extractBlocks(extract), ...(extract === 'attendance' ? attendanceRuleBlocks() : [])];
  return [
    ...introBlocks(),
    ...filesBlocks(),
    ...typeBlocks(),
    ...codeBlocks(),
    ...CONTRACT_EXTRACTS.flatMap((x) => extractBlocks(x)),
    ...attendanceRuleBlocks(),
    ...rejectBlocks(),
    ...qualityBlocks(),
  ];
}

/** The contract as markdown: the text of docs/data-contract.md when `extract` is not given. */
export function contractMarkdown(extract?: ContractExtract): string {
  return toMarkdown(contractBlocks(extract));
}

/** The contract as terminal text wrapped at `width` columns. */
export function contractText(extract?: ContractExtract, width = 100): string {
  return toText(contractBlocks(extract), width);
}
