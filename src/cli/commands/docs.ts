import { join } from 'node:path';
import type { Command } from 'commander';
import { collectInputs, defaultContact } from '../../accountability/collectInputs.ts';
import { generateDocuments } from '../../accountability/generateDocuments.ts';
import { requireTenant } from '../../service/manageTenants.ts';
import { loadPurposeRegister } from '../../service/purposeRegister.ts';
import { writeFileAtomic } from '../writeFileAtomic.ts';
import { withStore } from './admin.ts';
import { defaultPurposesFile } from './serve.ts';

export function registerDocs(program: Command): void {
  program
    .command('docs')
    .description(
      'Writes the record of processing (GDPR art. 30) and a DPIA draft (art. 35) in Markdown and JSON, ' +
        'transparency texts per module in Dutch and English, and instructions for use per current ' +
        'model, from the purpose register, the feature catalogue and the models in the database.',
    )
    .requiredOption('--out <dir>', 'the folder to write the documents to')
    .option('--purposes <file>', 'the purpose register', defaultPurposesFile)
    .option('--tenant <tenant>', 'name the controller after this tenant (by name or id)')
    .option('--contact <text>', 'whom employees contact about their data', defaultContact)
    .option('--data-dir <dir>', 'the data folder (default: $ABSENCELAB_DATA_DIR or var/data)')
    .action(async (options: Record<string, unknown>) => {
      const purposes = await loadPurposeRegister(String(options['purposes']));
      const inputs = await withStore(options['dataDir'], async (store) => {
        const tenant = options['tenant'];
        const controllerName =
          typeof tenant === 'string' ? (await requireTenant(store, tenant)).name : 'the employer';
        return collectInputs(store, purposes, {
          controllerName,
          contact: String(options['contact']),
          now: new Date(),
        });
      });
      const out = String(options['out']);
      const documents = generateDocuments(inputs);
      for (const document of documents)
        await writeFileAtomic(join(out, document.fileName), document.content);
      process.stderr.write(
        `Wrote ${documents.length} documents to ${out} (${inputs.models.length} current models, ${purposes.purposes.length} purposes).\n`,
      );
    });
}
