export { runBackup, type BackupOptions, type BackupSummary } from "./run-backup.js";
export { writeBackup, BACKUP_FORMAT, type BackupManifest, type WriteBackupOptions } from "./write-backup.js";
export { readBackup, type BackupContents } from "./read-backup.js";
export { BACKUP_FILES } from "./kinds.js";
