// The header's behaviour for pages that have no script of their own.
import { startPage } from './index';

startPage();
