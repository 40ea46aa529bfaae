import type { SimpleFields } from '../shared/simplify';

// What Simplify keeps of iCIMS profiles (field keys as iCIMS names them).
export const SIMPLE_WORKFLOW: SimpleFields = {
	id: ['id'],
	status: ['status.value', 'status.id'],
	personId: ['associatedprofile.id'],
	jobId: ['baseprofile.id'],
	updatedAt: ['updateddate'],
};

export const SIMPLE_PERSON: SimpleFields = { id: ['id'], firstName: ['firstname'], lastName: ['lastname'], email: ['email'], phone: ['phones.0.phonenumber'] };

export const SIMPLE_JOB: SimpleFields = { id: ['id'], title: ['jobtitle'], jobId: ['jobid'], location: ['joblocation.value', 'joblocation.address'], folder: ['folder.value'] };
