// Moved to nodes/common/memberDatabase/transport.ts, where the credential test can use it. Kept only for the
// tests still importing this path (test/support/mariadb.ts, test/retry-failed/); delete once they import the new one.
export * from '../../common/memberDatabase/transport';
