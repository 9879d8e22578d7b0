"""The contract's primitives on a schema of their own: global ids, keyset cursors, connections, payloads, scalars."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import strawberry
from strawberry.schema.config import StrawberryConfig
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select
from strawberry.types import Info

from server.config import Settings
from server.errors import BadUserInput
from server.kernel.language import Language, negotiate
from server.kernel.paging import Page, PageArgs, SortKey, decode_cursor, encode_cursor
from server.kernel.payloads import Payload, payload_mutation
from server.kernel.relay import Connection, Node, from_global_id, split_global_id, to_global_id
from server.kernel.scalars import SCALAR_MAP, parse_datetime, parse_duration, serialize_duration


def test_global_ids_round_trip_and_name_their_type() -> None:
    global_id = to_global_id("Agent", "A001")
    assert global_id == "QWdlbnQ6QTAwMQ"
    assert split_global_id(global_id) == ("Agent", "A001")
    assert from_global_id(to_global_id("Team", "客服一组"), "Team") == "客服一组"
    with pytest.raises(BadUserInput, match="expected the id of Team, got the id of Agent") as refused:
        from_global_id(global_id, "Team", field=("teamId",))
    assert refused.value.field == ("teamId",)
    for text in ("A001", "", "!!!", to_global_id("Agent", "A001") + "x"):
        assert split_global_id(text) is None


def test_cursors_are_opaque_sort_keys_and_foreign_ones_are_refused() -> None:
    cursor = encode_cursor([1700000000, "会话-1"])
    assert decode_cursor(cursor, 2, name="after") == [1700000000, "会话-1"]
    for foreign in ("b2Zmc2V0OjIw", encode_cursor([1]), "%%%"):
        with pytest.raises(BadUserInput, match="after is not a cursor of this list"):
            decode_cursor(foreign, 2, name="after")


@pytest.fixture
def rows() -> tuple[object, Table]:
    """Ten rows (score, key): scores tie in pairs so the key breaks ties."""
    engine = create_engine("sqlite://")
    table = Table("item", MetaData(), Column("key", String, primary_key=True), Column("score", Integer))
    table.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(table), [{"key": f"k{n}", "score": n // 2} for n in range(10)])
    return engine, table


def _read(rows: tuple[object, Table], args: PageArgs) -> Page[tuple[str, int]]:
    engine, table = rows
    keys = [SortKey(table.c.score, descending=True), SortKey(table.c.key)]
    with engine.connect() as connection:  # type: ignore[attr-defined]
        fetched = [tuple(row) for row in connection.execute(args.bounded(select(table.c.key, table.c.score), keys))]
    return Page.of(args, fetched, lambda row: (row[1], row[0]))


def test_keyset_pages_walk_forward_and_back_without_gaps(rows: tuple[object, Table]) -> None:
    settings = Settings()
    order = ["k8", "k9", "k6", "k7", "k4", "k5", "k2", "k3", "k0", "k1"]  # score desc, then key asc
    seen: list[str] = []
    after = None
    while True:
        page = _read(rows, PageArgs.of(settings, first=3, after=after))
        seen += [row[0] for _, row in page.rows]
        assert page.page_info.has_previous_page is (after is not None)
        if not page.page_info.has_next_page:
            break
        after = page.page_info.end_cursor
    assert seen == order
    last_page = _read(rows, PageArgs.of(settings, first=None, after=None, last=4))
    assert [row[0] for _, row in last_page.rows] == order[-4:]
    assert (last_page.page_info.has_previous_page, last_page.page_info.has_next_page) == (True, False)
    before = _read(rows, PageArgs.of(settings, first=None, after=None, last=2, before=last_page.page_info.start_cursor))
    assert [row[0] for _, row in before.rows] == ["k4", "k5"]
    assert before.page_info.has_next_page is True


def test_a_boundary_does_not_move_when_rows_arrive_before_it(rows: tuple[object, Table]) -> None:
    settings = Settings()
    first = _read(rows, PageArgs.of(settings, first=4, after=None))
    engine, table = rows
    with engine.begin() as connection:  # type: ignore[attr-defined]
        connection.execute(insert(table), [{"key": "k99", "score": 9}])  # sorts first
    second = _read(rows, PageArgs.of(settings, first=4, after=first.page_info.end_cursor))
    assert [row[0] for _, row in second.rows] == ["k4", "k5", "k2", "k3"]


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [(0, None, "first must be between 1 and 100"), (101, None, "first must be between 1 and 100"),
     (None, 0, "last must be between 1 and 100"), (5, 5, "pass first or last, not both")],
)
def test_page_sizes_are_capped(first: int | None, last: int | None, message: str) -> None:
    with pytest.raises(BadUserInput, match=message):
        PageArgs.of(Settings(), first=first, after=None, last=last)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-03-01T09:30:00+08:00", datetime(2026, 3, 1, 1, 30, tzinfo=UTC)),
     ("2026-03-01T01:30:00Z", datetime(2026, 3, 1, 1, 30, tzinfo=UTC)),
     ("2026-03-01T01:30:00.123456789+00:00", datetime(2026, 3, 1, 1, 30, 0, 123456, tzinfo=UTC))],
)
def test_datetime_input_needs_an_offset(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["2026-03-01T09:30:00", "2026-03-01", "yesterday", "2026-02-30T00:00:00+08:00"])
def test_naive_or_malformed_datetimes_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="DateTime"):
        parse_datetime(text)


@pytest.mark.parametrize(
    ("text", "length"),
    [("PT30S", timedelta(seconds=30)), ("PT1H30M", timedelta(minutes=90)), ("P7D", timedelta(days=7)),
     ("P1DT0.5S", timedelta(days=1, milliseconds=500)), ("-PT5M", timedelta(minutes=-5)), ("PT0S", timedelta(0))],
)
def test_durations_round_trip(text: str, length: timedelta) -> None:
    assert parse_duration(text) == length
    assert serialize_duration(length) == text


@pytest.mark.parametrize("text", ["P", "PT", "P1M", "P1Y", "30", "PT1.1234567S"])
def test_durations_without_fixed_length_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="Duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("header", "language"),
    [(None, Language.ZH_CN), ("en", Language.EN), ("en-US,en;q=0.9", Language.EN), ("zh-CN,zh;q=0.9,en;q=0.8", Language.ZH_CN),
     ("fr, en;q=0.5, zh;q=0.4", Language.EN), ("fr", Language.ZH_CN), ("en;q=0, zh-TW", Language.ZH_CN)],
)
def test_accept_language_picks_a_supported_language(header: str | None, language: Language) -> None:
    assert negotiate(header) == language


# --- a small schema built from the primitives ------------------------------------------------------

@strawberry.type(name="Thing")
class ThingType(Node):
    id: strawberry.ID  # its own field: Node.id is shared with the application's schema, which guards it
    name: str
    at: datetime
    day: date


@strawberry.input
class RenameThingInput:
    id: strawberry.ID
    name: str


@strawberry.type
class RenameThingPayload(Payload):
    thing: ThingType | None = None


@dataclass
class FakeContext:
    language: Language = Language.ZH_CN
    failed: bool = False
    renamed: list[str] = field(default_factory=list)

    def fail_transaction(self) -> None:
        self.failed = True


THING = ThingType(
    id=to_global_id("Thing", "t1"), name="一", at=datetime(2026, 3, 1, 9, tzinfo=timezone(timedelta(hours=8))),
    day=date(2026, 3, 1),
)


@strawberry.type
class Query:
    @strawberry.field
    async def things(self) -> Connection[ThingType]:
        async def count() -> int:
            return 1
        return Connection(edges=[], page_info=None, count_reader=count)  # type: ignore[arg-type]

    @strawberry.field
    def thing(self) -> ThingType:
        return THING


@strawberry.type
class Mutation:
    @strawberry.mutation
    @payload_mutation
    async def rename_thing(self, info: Info, input: RenameThingInput) -> RenameThingPayload:
        key = from_global_id(input.id, "Thing", field=("id",))
        if not input.name.strip():
            raise BadUserInput("name must not be blank", field=("name",), message_zh="名称不能为空")
        info.context.renamed.append(key)
        return RenameThingPayload(thing=THING)


SCHEMA = strawberry.Schema(query=Query, mutation=Mutation, config=StrawberryConfig(scalar_map=SCALAR_MAP), types=[Node])


def test_connections_are_named_after_their_node_type() -> None:
    printed = SCHEMA.as_str()
    assert "type ThingConnection {" in printed and "type ThingEdge {" in printed
    assert "at: DateTime!" in printed and "day: Date!" in printed


async def test_instants_are_served_with_their_offset() -> None:
    result = await SCHEMA.execute("{ thing { id at day } }")
    assert result.data == {"thing": {"id": "VGhpbmc6dDE", "at": "2026-03-01T09:00:00+08:00", "day": "2026-03-01"}}


MUTATION = "mutation($input: RenameThingInput!) { renameThing(input: $input) { thing { name } userErrors { field message code } } }"


@pytest.mark.parametrize(
    ("variables", "language", "errors"),
    [({"id": to_global_id("Thing", "t1"), "name": " "}, Language.ZH_CN,
      [{"field": ["input", "name"], "message": "名称不能为空", "code": "INVALID"}]),
     ({"id": to_global_id("Thing", "t1"), "name": " "}, Language.EN,
      [{"field": ["input", "name"], "message": "name must not be blank", "code": "INVALID"}]),
     ({"id": to_global_id("Other", "t1"), "name": "x"}, Language.EN,
      [{"field": ["input", "id"], "message": "expected the id of Thing, got the id of Other", "code": "INVALID"}])],
)
async def test_expected_failures_are_user_errors_and_roll_back(
    variables: dict[str, str], language: Language, errors: list[dict[str, object]]
) -> None:
    context = FakeContext(language=language)
    result = await SCHEMA.execute(MUTATION, variable_values={"input": variables}, context_value=context)
    assert result.errors is None
    assert result.data == {"renameThing": {"thing": None, "userErrors": errors}}
    assert context.failed is True and context.renamed == []


async def test_a_mutation_that_succeeds_has_no_user_errors() -> None:
    context = FakeContext()
    result = await SCHEMA.execute(
        MUTATION, variable_values={"input": {"id": to_global_id("Thing", "t1"), "name": "二"}}, context_value=context
    )
    assert result.data == {"renameThing": {"thing": {"name": "一"}, "userErrors": []}}
    assert context.failed is False and context.renamed == ["t1"]
