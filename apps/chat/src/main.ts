import { telemetry } from './instrument';
import { main } from '@mosaic/kit-app';
import { composeChat } from './compose-chat';

main({ name: 'chat', telemetry, compose: composeChat });
