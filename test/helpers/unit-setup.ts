/**
 * Before every unit test: the turns at rate limits (nodes/shared/rateLimitTurns.ts) live as long
 * as the process, as in n8n; each test starts from a service that has refused nothing.
 */
import { forgetTurns } from '../../nodes/shared/rateLimitTurns';

beforeEach(() => forgetTurns());
