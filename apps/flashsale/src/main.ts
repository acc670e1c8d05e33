import { telemetry } from './instrument';
import { main } from '@mosaic/kit-app';
import { composeFlashsale } from './compose-flashsale';

main({ name: 'flashsale', telemetry, compose: composeFlashsale });
