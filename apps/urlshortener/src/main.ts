import { telemetry } from './instrument';
import { main } from '@mosaic/kit-app';
import { composeUrlshortener } from './compose-urlshortener';

main({ name: 'urlshortener', telemetry, compose: composeUrlshortener });
