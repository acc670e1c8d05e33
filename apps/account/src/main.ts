import { telemetry } from './instrument';
import { main } from '@mosaic/kit-app';
import { composeAccount } from './compose-account';

main({ name: 'account', telemetry, compose: composeAccount });
