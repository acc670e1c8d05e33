import { describeCommandJournalContract } from '../test-support/command-journal-contract';
import { MemoryCommandJournal } from './memory-command-journal';

describeCommandJournalContract('memory', () => ({ open: async () => new MemoryCommandJournal() }));
