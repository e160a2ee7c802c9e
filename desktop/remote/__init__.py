"""The one door from desktop/ to sync/: the app and the CLI reach the storage only
through this package (a test enforces it).

``service`` syncs an open practice; ``credentials`` resolves storage credentials for CLI
and app alike; ``devices`` publishes, lists, enrolls and revokes devices; ``move``
attaches a practice to a storage or moves it; ``restore`` joins or restores into an empty
folder; ``repair`` makes a storage that lost data whole again. The few sync types callers
need (the scheduler, errors) are re-exported here.
"""

from desktop.remote.credentials import Credentials, connect, credential_cache
from desktop.remote.devices import DeviceRow
from desktop.remote.move import set_remote
from desktop.remote.repair import RepairReport
from desktop.remote.repair import repair as repair_storage
from desktop.remote.restore import join
from desktop.remote.service import SyncService
from desktop.remote.state import LAST_SYNC, REMOTE_URL, RESTORE_STATE
from sync.backends import Backend
from sync.devices import EnrollmentCodeError
from sync.engine import SyncReport
from sync.errors import AmbiguousPracticeError, CancelledError, RollbackError
from sync.recovery_key import parse_recovery_key
from sync.scheduler import State, Status, SyncScheduler, Timing

__all__ = [
    "LAST_SYNC",
    "REMOTE_URL",
    "RESTORE_STATE",
    "AmbiguousPracticeError",
    "Backend",
    "CancelledError",
    "Credentials",
    "DeviceRow",
    "EnrollmentCodeError",
    "RepairReport",
    "RollbackError",
    "State",
    "Status",
    "SyncReport",
    "SyncScheduler",
    "SyncService",
    "Timing",
    "connect",
    "credential_cache",
    "join",
    "parse_recovery_key",
    "repair_storage",
    "set_remote",
]
