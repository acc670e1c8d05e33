import { telemetry } from './instrument';
import { main } from '@mosaic/kit-app';
import { createPlatform } from './platform';

main({ name: 'platform', telemetry, compose: createPlatform });
