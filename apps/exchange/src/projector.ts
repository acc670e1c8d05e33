import { telemetry } from './instrument';
import { main } from '@mosaic/kit-app';
import { composeProjector } from './compose-projector';

main({ name: 'exchange-projector', telemetry, compose: composeProjector });
