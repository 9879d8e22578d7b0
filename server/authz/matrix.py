"""policies/README.md: the role × type × field × action matrix, generated from the policy files.

``python -m server.authz.matrix > policies/README.md``; a test checks the file is current.
"""

import sys
from collections.abc import Mapping

from server.authz.fields import schema_field_objects
from server.authz.identity import ROLES
from server.authz.policy import ROW_SCOPED_OBJECTS, PolicySnapshot, Scope, compile_snapshot, read_default_rules
from server.config import POLICIES_DIR
from server.schema import schema

INTRODUCTION = """# Access policy / 访问策略

Generated from `model.conf` and `policy.csv` by `python -m server.authz.matrix > policies/README.md`;
a test fails when this file and the policy files disagree. An administrator may change the
policy at run time (GraphQL `grantPolicy` / `revokePolicy`); those changes are stored in the
database, audited, and are not shown here.

本文件由策略文件自动生成（`python -m server.authz.matrix > policies/README.md`），与策略文件不一致时测试失败。
管理员可在运行时通过 GraphQL `grantPolicy` / `revokePolicy` 修改策略，变更保存在数据库并记录审计日志，不在此处显示。

- Roles / 角色: `admin` 管理员, `hr` 人事, `manager` 主管, `qa_reviewer` 质检员, `agent` 坐席, `analyst` 分析师,
  `ingest` 事件写入服务账号.
- Anything not granted is denied (a field without a rule returns FORBIDDEN). / 未授权即拒绝。
- Row scopes / 行范围: `all` every row 全部; `team` the teams in the token's `teams` claim and their
  sub-teams 所负责团队及下级团队; `own` the agent's own rows 本人; `assigned` conversations assigned for
  review 分配给本人质检的会话; `aggregate` aggregates only, over at least k agents, agents pseudonymised,
  never grouped by agent together with team (dimension or filter) 仅聚合（至少 k 名坐席，坐席匿名化，
  不可同时按坐席与团队分组或筛选）; `team_aggregate` the same within one's teams 本团队内的聚合。
- Credit / 归属: a conversation's `csat`, `nps` and `resolution` belong to its final agent and to that agent's
  team when it ended; through `own` or `team` they are shown only when credited to you or your teams (null
  otherwise). Through `own`, a conversation's messages are the agent's own, the customer's and the bot's, not
  other agents'. / 会话的满意度、NPS 与结果归属最终坐席及其结束时所在团队，`own`/`team` 范围仅在归属本人或本团队时可见；
  `own` 范围下不含其他坐席的消息。
- Team moves / 调岗: `team` on `Agent` and `Metric` also reaches agents who were once in your teams, with
  their numbers from that time. / `team` 范围的坐席与指标包括曾在本团队的坐席（仅其在团队期间的数据）。
- Fields / 字段: **F** full 完整, **M** masked 脱敏 (phone 138****5678, e-mail z***@example.com, name 张*), – denied 拒绝.

## Trying a role / 以某角色试用

In development, `coachloop token` mints a token for any role (the demo's ids; the README lists them);
send it as `Authorization: Bearer <token>`. / 开发环境中用 `coachloop token` 为任一角色签发令牌（使用演示数据的 ID），
以 `Authorization: Bearer <token>` 发送。

```sh
coachloop token --role admin --subject admin-1                                # every row and field / 全部
coachloop token --role hr --subject hr-1                                      # people, exports, audit / 人事
coachloop token --role manager --subject lead-presale --team team-presale     # their teams' rows / 本团队
coachloop token --role qa_reviewer --subject qa-1 --team team-presale         # assigned conversations / 分配的会话
coachloop token --role agent --subject agent-001                              # their own rows / 本人
coachloop token --role analyst --subject analyst-1                            # aggregates only / 仅聚合
coachloop token --role ingest --subject ingest-service                        # sending events / 写入事件
```
"""


def _cell(scopes: frozenset[str]) -> str:
    if Scope.FULL in scopes:
        return "F"
    if Scope.MASKED in scopes:
        return "M"
    return ", ".join(sorted(scopes)) if scopes else "–"


def render_matrix(snapshot: PolicySnapshot, field_objects: Mapping[str, str]) -> str:
    """The README text for ``snapshot`` over the schema's ``field_objects``."""
    header = "| | " + " | ".join(ROLES) + " |\n|---|" + "---|" * len(ROLES) + "\n"
    lines = [INTRODUCTION, "## Record types / 记录类型 (row scopes / 行范围)\n", header.rstrip("\n")]
    for obj in sorted(ROW_SCOPED_OBJECTS):
        for action in sorted(ROW_SCOPED_OBJECTS[obj]):
            cells = [_cell(snapshot.scopes([role], obj, action)) for role in ROLES]
            lines.append(f"| `{obj}` {action} | " + " | ".join(cells) + " |")
    current_type = ""
    for obj in sorted(field_objects):
        type_name = obj.partition(".")[0]
        if type_name != current_type:
            current_type = type_name
            lines += ["", f"## `{type_name}`\n", header.rstrip("\n")]
        action = field_objects[obj]
        cells = [_cell(snapshot.scopes([role], obj, action)) for role in ROLES]
        lines.append(f"| `{obj.partition('.')[2]}` {action} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def default_matrix() -> str:
    """The matrix of the default policy over the current schema."""
    snapshot = compile_snapshot(POLICIES_DIR, read_default_rules(POLICIES_DIR), revision=0)
    return render_matrix(snapshot, schema_field_objects(schema))


if __name__ == "__main__":
    sys.stdout.write(default_matrix())
