"""simple-salesforce 1.12.10, a real third-party client, against the Salesforce emulator.

The library is used unchanged. Only its network path is redirected: simple-salesforce always
builds ``https://{domain}.salesforce.com/...`` for sign-in and ``https://{instance}/...`` for
data, and no machine here resolves those names to the emulator. The test therefore hands the
library, through its public ``session=`` argument, a ``requests.Session`` with a transport
adapter mounted for ``https://`` that plays DNS and TLS termination:

* every ``https://<host>/<path>?<query>`` request is sent to ``http://127.0.0.1:PORT/<path>?<query>``,
* keeping ``Host: <host>``, so ``login.salesforce.com`` reaches the emulator's production login
  role and ``localhost:PORT`` (the ``instance_url`` the emulator returns) its My Domain role.

Nothing else changes: URLs, headers, bodies, status codes and error handling are the library's.

Run with ``Tests/Fidelity/run.sh``, which starts the emulator and exports its ready line as
``EMULATOR_READY``.
"""

import json
import os
import urllib.parse

import pytest
import requests
from requests.adapters import HTTPAdapter

from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (
    SalesforceExpiredSession,
    SalesforceMalformedRequest,
    SalesforceResourceNotFound,
)

READY = json.loads(os.environ["EMULATOR_READY"])
EMULATOR = urllib.parse.urlsplit(READY["url"])


class LoopbackAdapter(HTTPAdapter):
    """DNS + TLS termination for tests: https://<any host>/… → http://127.0.0.1:PORT/…, Host kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requests = []

    def send(self, request, **kwargs):
        original = urllib.parse.urlsplit(request.url)
        request.headers["Host"] = original.netloc
        request.url = urllib.parse.urlunsplit(("http", EMULATOR.netloc, original.path, original.query, ""))
        self.requests.append((request.method, original.netloc, original.path))
        return super().send(request, **kwargs)


def loopback_session():
    session = requests.Session()
    adapter = LoopbackAdapter()
    session.mount("https://", adapter)
    return session, adapter


def control(method, path, body=None):
    response = requests.request(method, READY["url"] + "/__emulator/" + path, json=body, timeout=30)
    response.raise_for_status()
    return response.json()


def sign_in():
    """OAuth username-password flow: 1.12.10 uses it when consumer_key/secret are given and no
    security_token; the token is appended to the password, as Salesforce expects."""
    session, adapter = loopback_session()
    sf = Salesforce(
        username=READY["username"],
        password=READY["password"] + READY["securityToken"],
        consumer_key=READY["consumerKey"],
        consumer_secret=READY["consumerSecret"],
        domain="login",
        session=session,
    )
    return sf, adapter


@pytest.fixture
def sf():
    client, _ = sign_in()
    return client


def test_password_flow_signs_in_through_the_login_host():
    client, adapter = sign_in()
    assert client.session_id.startswith("00D")
    assert client.sf_instance.startswith("localhost:")
    assert adapter.requests[0] == ("POST", "login.salesforce.com", "/services/oauth2/token")


def test_query_all_follows_pages_over_five_thousand_records():
    client, adapter = sign_in()
    live = control("GET", "stats")["opportunities"]["live"]
    assert live >= 5000
    result = client.query_all("SELECT Id, Name, StageName, Amount, Account.Name, Owner.Name FROM Opportunity ORDER BY SystemModstamp, Id")
    assert result["totalSize"] == live
    assert len(result["records"]) == live
    assert len({record["Id"] for record in result["records"]}) == live
    follow_ups = [path for method, _, path in adapter.requests if "/query/01g" in path]
    assert len(follow_ups) == (live + 1999) // 2000 - 1
    orphan = next(record for record in result["records"] if record["Account"] is None)
    assert orphan["attributes"]["type"] == "Opportunity"
    parent = next(record for record in result["records"] if record["Account"] is not None)
    assert parent["Account"]["attributes"]["type"] == "Account"
    assert client.api_usage["api-usage"].used >= 3


def test_query_all_with_deleted_rows(sf):
    stats = control("GET", "stats")["opportunities"]
    everything = sf.query_all("SELECT Id, IsDeleted FROM Opportunity", include_deleted=True)
    assert everything["totalSize"] == stats["total"]
    assert sum(1 for record in everything["records"] if record["IsDeleted"]) == stats["deleted"]


def test_describe(sf):
    objects = {entry["name"] for entry in sf.describe()["sobjects"]}
    assert {"Opportunity", "Account", "User"} <= objects
    describe = sf.Opportunity.describe()
    fields = {field["name"]: field for field in describe["fields"]}
    assert fields["StageName"]["type"] == "picklist"
    assert [entry["value"] for entry in fields["StageName"]["picklistValues"]][0] == "Prospecting"
    assert fields["Amount"]["soapType"] == "xsd:double"
    assert fields["AccountId"]["referenceTo"] == ["Account"]
    assert "CurrencyIsoCode" not in fields


def test_create_get_update_delete(sf):
    created = sf.Opportunity.create({"Name": "simple-salesforce ✓ Ünïcödé", "StageName": "Prospecting", "CloseDate": "2027-03-31", "Amount": 1234.5})
    assert created["success"] is True and created["errors"] == []
    record_id = created["id"]
    fetched = sf.Opportunity.get(record_id)
    assert fetched["Name"] == "simple-salesforce ✓ Ünïcödé"
    assert fetched["Amount"] == 1234.5
    assert fetched["Probability"] == 10.0
    assert sf.Opportunity.get(record_id[:15])["Id"] == record_id
    assert sf.Opportunity.update(record_id, {"StageName": "Closed Won"}) == 204
    won = sf.Opportunity.get(record_id)
    assert won["IsWon"] is True and won["Probability"] == 100.0
    assert sf.Opportunity.delete(record_id) == 204
    with pytest.raises(SalesforceResourceNotFound):
        sf.Opportunity.get(record_id)
    with pytest.raises(SalesforceMalformedRequest) as failure:
        sf.Opportunity.create({"Name": "no stage"})
    assert failure.value.content[0]["errorCode"] == "REQUIRED_FIELD_MISSING"


def test_expired_session_surfaces_as_salesforce_expired_session():
    client, _ = sign_in()
    session, _ = loopback_session()
    # A client that only holds a token (as an app that stored one does) cannot re-login.
    holder = Salesforce(session_id=client.session_id, instance_url="https://" + client.sf_instance, session=session)
    assert holder.query("SELECT Id FROM Opportunity LIMIT 1")["totalSize"] == 1
    control("POST", "sessions/expire")
    with pytest.raises(SalesforceExpiredSession) as failure:
        holder.query("SELECT Id FROM Opportunity LIMIT 1")
    assert failure.value.content[0]["errorCode"] == "INVALID_SESSION_ID"


def test_password_client_signs_in_again_after_expiry():
    client, adapter = sign_in()
    control("POST", "sessions/expire")
    assert client.query("SELECT Id FROM Opportunity LIMIT 2")["totalSize"] == 2
    token_calls = [path for method, _, path in adapter.requests if path == "/services/oauth2/token"]
    assert len(token_calls) == 2


def test_limits_and_bulk2_query(sf):
    limits = sf.limits()
    assert limits["DailyApiRequests"]["Max"] >= limits["DailyApiRequests"]["Remaining"]
    chunks = list(sf.bulk2.Opportunity.query("SELECT Id, Name, Account.Name FROM Opportunity", max_records=2500, wait=0.1))
    header = chunks[0].splitlines()[0]
    assert header == '"Id","Name","Account.Name"'
    rows = sum(chunk.count('\n"006') for chunk in chunks)
    assert rows == control("GET", "stats")["opportunities"]["live"]
    assert len(chunks) == 3
