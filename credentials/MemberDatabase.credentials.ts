import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../nodes/common/credentialTypes';

/** The MySQL / MariaDB member directory. Tested by `memberDatabaseCredentialTest` (connect, then SELECT 1). */
export class MemberDatabase implements ICredentialType {
	name = CREDENTIAL_TYPES.memberDatabase;

	displayName = 'Member Database (MySQL / MariaDB)';

	documentationUrl = 'https://mariadb.com/kb/en/connecting-to-mariadb/';

	icon = { light: 'file:memberDatabase.svg', dark: 'file:memberDatabase.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			required: true,
			placeholder: 'db.example.org',
			description: 'Name or IP address of the database server, as your database administrator gave it',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 3306,
			description: 'MySQL and MariaDB listen on 3306 unless your administrator changed it',
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: '',
			required: true,
			description: 'Name of the database (schema) that holds the members table',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			description: 'A database user that may read the members table. Read-only access is enough.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The password of that database user, as your database administrator gave it',
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			default: 'off',
			description: 'Whether the connection to the database is encrypted',
			options: [
				{ name: 'Off', value: 'off', description: 'Only on a private network you trust' },
				{
					name: 'Required',
					value: 'required',
					description: 'Encrypt, but accept any server certificate',
				},
				{
					name: 'Verify with a CA Certificate',
					value: 'verifyCa',
					description: 'Encrypt and check the server certificate against the CA you paste below',
				},
			],
		},
		{
			displayName: 'CA Certificate',
			name: 'caCertificate',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: 'The certificate authority (PEM text) that signed the database server certificate',
			displayOptions: { show: { ssl: ['verifyCa'] } },
		},
	];
}
