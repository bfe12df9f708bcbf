"""The peer of `dealdeck-bench sync`: the same initial load done the common Python way.

simple-salesforce's ``query_all`` (queryAll, so recycle-bin rows come too) pages through every
opportunity with the same SELECT list Dealdeck uses, then ``sqlite3.executemany`` writes them
into an equivalent table: the same columns and value encodings as Dealdeck's cache (integer
cents, millisecond timestamps, ISO dates), and, with ``--schema-from``, the very same DDL
(indexes, full-text index and its triggers) copied from a Dealdeck cache file, so both sides
pay the same SQLite costs.

simple-salesforce is used unchanged; only its network path is redirected to the emulator
(the transport adapter of Tests/Fidelity: https://<host>/… → http://127.0.0.1:PORT/…, Host kept).

    EMULATOR_READY='<ready line>' python peer_sync.py --db peer.sqlite [--schema-from cache.sqlite]

Prints one JSON line: records, seconds, recordsPerSecond, maxRSSKilobytes.
"""

import argparse
import json
import os
import resource
import sqlite3
import time
import urllib.parse
from datetime import datetime
from decimal import Decimal

import requests
from requests.adapters import HTTPAdapter
from simple_salesforce import Salesforce

FIELDS = [
    "Id", "Name", "AccountId", "Account.Name", "StageName", "Amount", "CloseDate", "Probability", "Type", "LeadSource",
    "NextStep", "Description", "ForecastCategoryName", "IsClosed", "IsWon", "OwnerId", "Owner.Name", "Owner.Email",
    "CreatedDate", "LastModifiedDate", "SystemModstamp", "IsDeleted",
]
SOQL = "SELECT " + ", ".join(FIELDS) + " FROM Opportunity ORDER BY SystemModstamp, Id"

PLAIN_TABLE = """
CREATE TABLE opportunity (
    id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, account_id TEXT, account_name TEXT, stage_name TEXT NOT NULL,
    amount_cents INTEGER, currency_iso_code TEXT, close_date TEXT NOT NULL, probability TEXT, type TEXT,
    lead_source TEXT, next_step TEXT, description TEXT, forecast_category_name TEXT, is_closed INTEGER NOT NULL,
    is_won INTEGER NOT NULL, owner_id TEXT NOT NULL, owner_name TEXT, owner_email TEXT, created_date INTEGER NOT NULL,
    last_modified_date INTEGER NOT NULL, system_modstamp INTEGER NOT NULL, deleted_at INTEGER, synced_at INTEGER NOT NULL
)
"""


class LoopbackAdapter(HTTPAdapter):
    """DNS + TLS termination: https://<any host>/… → http://127.0.0.1:PORT/…, Host kept."""

    def __init__(self, emulator, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.emulator = emulator

    def send(self, request, **kwargs):
        original = urllib.parse.urlsplit(request.url)
        request.headers["Host"] = original.netloc
        request.url = urllib.parse.urlunsplit(("http", self.emulator.netloc, original.path, original.query, ""))
        return super().send(request, **kwargs)


def millis(text):
    return int(datetime.fromisoformat(text).timestamp() * 1000)


def cents(value):
    return None if value is None else int((Decimal(str(value)) * 100).to_integral_value())


def row(record, synced_at):
    account = record.get("Account") or {}
    owner = record.get("Owner") or {}
    modstamp = millis(record["SystemModstamp"])
    probability = record.get("Probability")
    return (
        record["Id"], record["Name"], record.get("AccountId"), account.get("Name"), record["StageName"],
        cents(record.get("Amount")), record.get("CurrencyIsoCode"), record["CloseDate"],
        None if probability is None else str(Decimal(str(probability)).normalize()), record.get("Type"),
        record.get("LeadSource"), record.get("NextStep"), record.get("Description"), record.get("ForecastCategoryName"),
        int(record["IsClosed"]), int(record["IsWon"]), record["OwnerId"], owner.get("Name"), owner.get("Email"),
        millis(record["CreatedDate"]), millis(record["LastModifiedDate"]), modstamp,
        modstamp if record.get("IsDeleted") else None, synced_at,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--schema-from", help="a Dealdeck cache.sqlite whose opportunity DDL to copy")
    args = parser.parse_args()

    ready = json.loads(os.environ["EMULATOR_READY"])
    emulator = urllib.parse.urlsplit(ready["url"])
    session = requests.Session()
    session.mount("https://", LoopbackAdapter(emulator))

    database = sqlite3.connect(args.db)
    database.execute("PRAGMA journal_mode = WAL")
    if args.schema_from:
        source = sqlite3.connect(args.schema_from)
        statements = [sql for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND (tbl_name = 'opportunity' OR tbl_name LIKE 'opportunity_fts%') "
            "AND name NOT LIKE 'opportunity_fts_%' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid")]
        source.close()
        for sql in statements:
            database.execute(sql)
    else:
        database.execute(PLAIN_TABLE)
    database.commit()

    started = time.monotonic()
    sf = Salesforce(
        username=ready["username"], password=ready["password"] + ready["securityToken"],
        consumer_key=ready["consumerKey"], consumer_secret=ready["consumerSecret"], domain="login", session=session,
    )
    result = sf.query_all(SOQL, include_deleted=True)
    synced_at = int(time.time() * 1000)
    rows = [row(record, synced_at) for record in result["records"]]
    database.executemany("INSERT OR REPLACE INTO opportunity VALUES (" + ", ".join("?" * 24) + ")", rows)
    database.commit()
    seconds = time.monotonic() - started
    print(json.dumps({
        "records": len(rows), "seconds": round(seconds, 3), "recordsPerSecond": round(len(rows) / seconds, 1),
        "maxRSSKilobytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
