import type { CommandModule } from 'yargs';
import { contractMarkdown, contractText } from '../contract/contract-doc.js';
import { CONTRACT_EXTRACTS, type ContractExtract } from '../contract/extract-doc.js';
import { InputError } from '../util/input-error.js';

/** `hve contract [extract]`: print the data contract (canonical columns, codes, rules) as text or markdown. */
export const contractCommand: CommandModule<object, { extract?: string; markdown: boolean }> = {
  command: 'contract [extract]',
  describe: 'Print the data contract: canonical columns, codes, keys, reject reasons and attendance rules',
  builder: (y) =>
    y
      .positional('extract', { type: 'string', describe: `one extract: ${CONTRACT_EXTRACTS.join(', ')} (default: all)` })
      .option('markdown', { type: 'boolean', default: false, describe: 'print markdown (the text of docs/data-contract.md)' }) as never,
  handler: (a) => {
    if (a.extract !== undefined && !(CONTRACT_EXTRACTS as readonly string[]).includes(a.extract)) {
      throw new InputError(`There is no extract "${a.extract}"; name one of ${CONTRACT_EXTRACTS.join(', ')}.`);
    }
    const extract = a.extract as ContractExtract | undefined;
    const width = Math.max(60, Math.min(process.stdout.columns ?? 100, 120));
    process.stdout.write(a.markdown ? contractMarkdown(extract) : contractText(extract, width));
  },
};
