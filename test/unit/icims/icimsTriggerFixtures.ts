/** What the iCIMS Trigger's unit tests share: the credential, a status change, iCIMS' answers. */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { IcimsApi } from '../../../credentials/IcimsApi.credentials';

export const HOST = 'https://icims.test';
export const API = '/customers/4242';
export const RECEIVER_PASSWORD = 'receiver-password-789';
export const credentials = {
	icimsApi: {
		customerId: '4242',
		authentication: 'basic',
		username: 'api-user',
		password: 'api-password',
		environment: 'custom',
		baseUrl: HOST,
		webhookUsername: 'icims-events',
		webhookPassword: RECEIVER_PASSWORD,
	},
};
export const credentialTypes = [new IcimsApi()];
export const goodAuth = `Basic ${Buffer.from(`icims-events:${RECEIVER_PASSWORD}`).toString('base64')}`;

export function statusChange(overrides: IDataObject = {}): IDataObject {
	return {
		customerId: '4242',
		eventType: 'WorkFlowStatusChangeEvent',
		systemId: '19288',
		userId: '1501',
		personId: '2587',
		jobId: '1026',
		oldStatus: 'C2002',
		newStatus: 'C36951',
		links: [{ rel: 'applicantWorkflow', title: 'Applicant Workflow', url: 'https://api.icims.com/customers/4242/applicantworkflows/19288' }],
		...overrides,
	};
}

export function resolution() {
	return nock(HOST)
		.get(`${API}/people/2587`)
		.query({ fields: 'firstname,lastname,email,phones' })
		.reply(200, { firstname: 'Jane', lastname: 'Doe', email: 'jane.doe@example.org', phones: [{ phonenumber: '+14155550101' }] })
		.get(`${API}/jobs/1026`)
		.query({ fields: 'jobtitle,jobid,folder,joblocation,hiringmanager,recruiter' })
		.reply(200, { jobtitle: 'Senior Backend Engineer', jobid: '2026-1026' });
}
