/**
 * Process settings n8n-core reads when its services are first built; harness.ts imports this
 * before n8n-core. Each jest test file has its own copy of process.env.
 * - The n8n user folder: WorkflowExecute builds n8n's InstanceSettings, which writes a settings
 *   file there; a temp folder keeps tests away from a real ~/.n8n.
 * - The log level: n8n's ErrorReporter logs every node error it sees; the test asserts on them.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= join(tmpdir(), 'n8n-nodes-ats-assessments-harness');
process.env.N8N_LOG_LEVEL ??= 'silent';
