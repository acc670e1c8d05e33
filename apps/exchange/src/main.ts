import { telemetry } from './instrument';
import { main } from '@mosaic/kit-app';
import { composeExchange } from './compose-exchange';

main({ name: 'exchange', telemetry, compose: composeExchange });
