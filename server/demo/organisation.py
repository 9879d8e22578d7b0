"""The demo organisation: teams, agents, shifts, categories, channels, customers and scripts."""

from dataclasses import dataclass
from datetime import date
from random import Random

ORGANISATION_SEED = 20260901
"""Seed of the organisation itself: the same teams and agents whatever the stream's seed."""
TIMEZONE = "Asia/Shanghai"
"""The organisation's IANA time zone: its shifts, days and peaks are local to it (``coachloop up`` serves it there)."""


@dataclass(frozen=True)
class Team:
    """A team of the demo service centre and the queue it answers."""

    team_id: str
    name: str
    queue: str
    parent_team_id: str | None = None


@dataclass(frozen=True)
class Shift:
    """A working shift in local hours, end exclusive (24 = midnight)."""

    name: str
    start_hour: int
    end_hour: int


@dataclass(frozen=True)
class Agent:
    """A service agent with its skill profile."""

    index: int
    agent_id: str
    name: str
    team_id: str
    email: str
    hire_date: str
    shift: Shift
    response_speed: float
    """Multiplier on reply delays: below 1 answers faster than average."""
    resolution_skill: float
    """Chance to resolve a case of average difficulty."""
    kb_use: float
    """Chance to search the knowledge base while handling a conversation."""


@dataclass(frozen=True)
class Category:
    """A contact reason with its routing, difficulty and typical phrases."""

    name: str
    code: str
    weight: float
    promotion_weight: float
    team_id: str
    ease: float
    self_service: float
    openings: tuple[str, ...]
    follow_ups: tuple[str, ...]
    replies: tuple[str, ...]
    bot_answer: str
    kb_queries: tuple[str, ...]
    dispositions: tuple[str, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Knowledge-base articles about this category."""
        return tuple(f"kb-{self.code}-{number:02d}" for number in range(1, 7))


PARENT_TEAM_ID = "team-center"
VIP_TEAM_ID = "team-vip"
TEAMS = (
    Team(PARENT_TEAM_ID, "客服中心", "总队列"),
    Team("team-presale", "售前组", "售前队列", PARENT_TEAM_ID),
    Team("team-aftersale-1", "售后一组", "售后一组队列", PARENT_TEAM_ID),
    Team("team-aftersale-2", "售后二组", "售后二组队列", PARENT_TEAM_ID),
    Team(VIP_TEAM_ID, "VIP服务组", "VIP专线", PARENT_TEAM_ID),
    Team("team-security", "账户安全组", "安全专席", PARENT_TEAM_ID),
)
TEAMS_BY_ID = {team.team_id: team for team in TEAMS}
SERVICE_TEAM_IDS = tuple(team.team_id for team in TEAMS if team.parent_team_id)
TEAM_SIZES = {"team-presale": 8, "team-aftersale-1": 9, "team-aftersale-2": 8, VIP_TEAM_ID: 5, "team-security": 6}

EARLY, MIDDLE, LATE, NIGHT = Shift("早班", 8, 17), Shift("中班", 12, 21), Shift("晚班", 15, 24), Shift("夜班", 0, 8)
SHIFT_ROTATION = (EARLY, MIDDLE, LATE, NIGHT, EARLY, LATE, MIDDLE, LATE, EARLY)
"""Shift of the n-th agent of a team: every team covers the day and most cover the night."""

TEAM_CHANGE_AGENT_ID = "agent-009"
TEAM_CHANGE_TEAM_ID = VIP_TEAM_ID
"""The agent that moves team in the middle of the period (an early-shift agent of 售后一组)."""

CHANNELS = ("chat", "mini_program", "phone", "email")
CHANNEL_WEIGHTS = (0.42, 0.25, 0.22, 0.11)

SURNAMES = (
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"),
    ("罗", "luo"), ("高", "gao"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
    ("唐", "tang"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"), ("彭", "peng"),
)
GIVEN_NAME_CHARACTERS = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"),
    ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("婷", "ting"), ("雪", "xue"), ("浩", "hao"),
    ("宇", "yu"), ("欣", "xin"), ("佳", "jia"), ("晨", "chen"), ("睿", "rui"), ("琳", "lin"),
    ("思", "si"), ("文", "wen"), ("博", "bo"), ("诗", "shi"), ("萱", "xuan"), ("航", "hang"),
)
PHONE_PREFIXES = ("130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152",
                  "157", "158", "159", "166", "177", "180", "182", "186", "187", "188", "189")
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")


def _pick(rng: Random, choices: tuple):
    return choices[int(rng.random() * len(choices))]


def _person_name(rng: Random) -> tuple[str, str]:
    """A Chinese name and its pinyin (one or two given-name characters)."""
    surname, surname_pinyin = _pick(rng, SURNAMES)
    given, given_pinyin = _pick(rng, GIVEN_NAME_CHARACTERS)
    if rng.random() < 0.6:
        second, second_pinyin = _pick(rng, GIVEN_NAME_CHARACTERS)
        given, given_pinyin = given + second, given_pinyin + second_pinyin
    return surname + given, surname_pinyin + given_pinyin


def build_agents() -> tuple[Agent, ...]:
    """The 36 demo agents, the same for every stream."""
    rng = Random(ORGANISATION_SEED)
    agents: list[Agent] = []
    names: set[str] = set()
    first_hire = date(2021, 1, 4).toordinal()
    for team_id, size in TEAM_SIZES.items():
        for position in range(size):
            name, pinyin = _person_name(rng)
            while name in names:
                name, pinyin = _person_name(rng)
            names.add(name)
            index = len(agents)
            hire_date = date.fromordinal(first_hire + int(rng.random() * 2000))
            agents.append(Agent(
                index=index,
                agent_id=f"agent-{index + 1:03d}",
                name=name,
                team_id=team_id,
                email=f"{pinyin}{index + 1:02d}@kefu.example.com",
                hire_date=hire_date.isoformat(),
                shift=SHIFT_ROTATION[position % len(SHIFT_ROTATION)],
                response_speed=round(0.6 + rng.random() * 1.1, 2),
                resolution_skill=round(0.72 + rng.random() * 0.24, 2),
                kb_use=round(0.05 + rng.random() * 0.65, 2),
            ))
    return tuple(agents)


def customer_id(number: int) -> str:
    """The id of the n-th customer (numbered from 0)."""
    return f"cust-{number + 1:06d}"


def is_vip_customer(number: int) -> bool:
    """Every fifteenth customer is served by the VIP team."""
    return number % 15 == 0


def customer_fields(rng: Random, number: int) -> dict:
    """The `customer.upserted` fields of the n-th customer: some are anonymous or lack contacts."""
    fields: dict = {"customer_id": customer_id(number)}
    name, pinyin = _person_name(rng)
    if rng.random() < 0.9:
        fields["name"] = name
    if rng.random() < 0.8:
        fields["phone"] = _pick(rng, PHONE_PREFIXES) + f"{int(rng.random() * 100_000_000):08d}"
    if rng.random() < 0.45:
        fields["email"] = f"{pinyin}{int(rng.random() * 1000)}@{_pick(rng, EMAIL_DOMAINS)}"
    return fields



CATEGORIES = (
    Category(
        name="退换货", code="returns", weight=0.20, promotion_weight=0.12, team_id="team-aftersale-1",
        ease=0.90, self_service=0.25,
        openings=("你好，我想退货，衣服尺码不合适", "收到的商品有破损，可以换一个吗？", "申请退款好几天了还没到账",
                  "七天无理由退货怎么操作？", "退货地址是哪里？"),
        follow_ups=("订单号发你了，麻烦看一下", "照片已经上传了", "那运费谁出？", "大概多久能退回来？", "可以直接换货吗？"),
        replies=("请提供一下订单号", "麻烦上传一下商品破损的照片", "已为您提交退货申请，请留意短信通知",
                 "退款会在1-3个工作日原路退回", "运费由我们承担，您放心", "已为您登记换货，新商品会尽快发出"),
        bot_answer="您可以在“我的订单”中点击“申请售后”提交退换货。",
        kb_queries=("七天无理由退货规则", "退款到账时间", "换货流程", "破损商品赔付标准"),
        dispositions=("已提交退货", "已退款", "已换货"),
    ),
    Category(
        name="物流查询", code="logistics", weight=0.22, promotion_weight=0.25, team_id="team-aftersale-1",
        ease=0.95, self_service=0.60,
        openings=("你好，我的订单还没发货", "快递三天没更新了", "能帮我查一下物流吗？", "显示已签收但我没收到",
                  "可以改一下收货地址吗？"),
        follow_ups=("订单号发你了", "那大概什么时候能到？", "快递员电话打不通", "好的，麻烦催一下", "我这边着急用"),
        replies=("请提供一下订单号", "已帮您查询，包裹正在派送中", "已联系快递为您催件", "仓库预计今天内发出",
                 "地址已为您修改成功", "已为您登记丢件核查，24小时内回复"),
        bot_answer="您的包裹正在运输中，预计1-2天送达。",
        kb_queries=("物流停滞处理", "修改收货地址", "快递签收未收到", "发货时效"),
        dispositions=("已催件", "已改地址", "已登记核查"),
    ),
    Category(
        name="支付问题", code="payment", weight=0.10, promotion_weight=0.10, team_id="team-aftersale-2",
        ease=0.85, self_service=0.20,
        openings=("付款成功了但订单显示未支付", "扣了两次钱怎么办？", "花呗付款失败", "优惠券支付时用不了",
                  "银行卡支付一直提示错误"),
        follow_ups=("截图已经发你了", "是昨天晚上付的", "那钱什么时候退回来？", "换了张卡还是不行"),
        replies=("请提供一下支付截图", "已核实到您的重复扣款，将原路退回", "请稍等，我帮您查一下支付流水",
                 "建议您更新一下APP后重试", "支付状态已为您同步"),
        bot_answer="支付失败可能由网络或银行限额导致，请稍后重试。",
        kb_queries=("重复扣款退款", "支付失败错误码", "订单支付状态同步"),
        dispositions=("已退款", "已同步状态", "转财务核查"),
    ),
    Category(
        name="账户安全", code="security", weight=0.06, promotion_weight=0.03, team_id="team-security",
        ease=0.80, self_service=0.10,
        openings=("我的账号被盗了", "收到陌生验证码短信", "手机号换了，登不上账号", "账号被冻结了怎么办？",
                  "有人用我账号下单"),
        follow_ups=("身份证信息已经提交了", "我没有泄露过密码", "需要多久能解冻？", "好的，我马上改密码"),
        replies=("为了您的账户安全，请先验证身份", "已为您临时冻结账户", "请通过人脸识别完成验证",
                 "账号已解冻，建议立即修改密码", "异常订单已为您拦截"),
        bot_answer="如账号存在风险，请立即修改密码并开启登录保护。",
        kb_queries=("账号被盗处理流程", "更换绑定手机号", "账户解冻条件"),
        dispositions=("已冻结", "已解冻", "已更换绑定"),
    ),
    Category(
        name="优惠活动", code="promotion", weight=0.12, promotion_weight=0.25, team_id="team-presale",
        ease=0.95, self_service=0.50,
        openings=("双11的满减怎么算？", "优惠券领了用不了", "预售定金能退吗？", "活动价什么时候开始？",
                  "下单后降价了能补差价吗？"),
        follow_ups=("那我现在下单划算吗？", "券已经领了", "可以叠加使用吗？", "好的，明白了"),
        replies=("满300减40，可跨店叠加", "该优惠券仅限指定商品使用", "定金在尾款支付前不支持退还",
                 "已为您申请价保补差", "活动将于晚上8点开始"),
        bot_answer="活动规则可在活动页面“规则说明”中查看。",
        kb_queries=("满减规则", "优惠券使用范围", "价保规则", "预售定金规则"),
        dispositions=("已解释规则", "已价保补差", "已补发优惠券"),
    ),
    Category(
        name="商品咨询", code="product", weight=0.22, promotion_weight=0.22, team_id="team-presale",
        ease=0.98, self_service=0.45,
        openings=("这款有现货吗？", "这个尺码偏大还是偏小？", "这个电饭煲支持预约吗？", "和上一代有什么区别？",
                  "是正品吗？有没有保修？"),
        follow_ups=("我身高170，体重65公斤", "那颜色有几种？", "大概什么时候补货？", "好的，我考虑一下"),
        replies=("这款目前有现货，下单后48小时内发货", "建议您选择L码", "支持24小时预约功能", "全国联保一年",
                 "已为您登记到货提醒"),
        bot_answer="商品详情页有完整的参数和尺码表，您可以查看。",
        kb_queries=("尺码对照表", "商品保修政策", "到货提醒设置"),
        dispositions=("已解答", "已推荐商品", "已登记到货提醒"),
    ),
    Category(
        name="发票", code="invoice", weight=0.08, promotion_weight=0.03, team_id="team-aftersale-2",
        ease=0.92, self_service=0.40,
        openings=("怎么开发票？", "发票抬头写错了能重开吗？", "我要开专票", "电子发票在哪里下载？", "发票还没收到"),
        follow_ups=("税号发你了", "公司名称是上海某某科技有限公司", "需要多久能开好？", "邮箱已经填了"),
        replies=("请提供一下发票抬头和税号", "已为您重新开具发票", "电子发票会发送到您的邮箱",
                 "专票需要上传营业执照", "发票将在3个工作日内开具"),
        bot_answer="电子发票可在“订单详情-发票”中下载。",
        kb_queries=("发票重开流程", "增值税专票申请", "电子发票下载"),
        dispositions=("已开票", "已重开", "转财务"),
    ),
)

BOT_GREETINGS = ("您好，我是智能助手小鹿，请问有什么可以帮您？", "欢迎光临，请简单描述您的问题")
BOT_CHECKS = ("请问以上回答解决您的问题了吗？", "如需人工服务，请回复“转人工”")
CUSTOMER_SELF_SERVED = ("解决了，谢谢", "好的，明白了", "知道了，谢谢")
CUSTOMER_NOT_HELPED = ("没用", "还是不行")
CUSTOMER_HANDOFFS = ("转人工", "人工客服", "我要找人工")
CUSTOMER_WAITING = ("还有人吗？", "怎么这么久", "人呢？")
CUSTOMER_CLOSINGS = ("没有了，谢谢", "好的，谢谢", "行，就这样吧")
CUSTOMER_REOPENINGS = ("你好，之前的问题又出现了", "上次说的还没处理好")
CUSTOMER_OUTBOUND_REPLIES = ("好的，你说", "方便的，请讲")
SYSTEM_QUEUE_BUSY = "当前排队人数较多，请耐心等待"
SYSTEM_CONNECTED = "已为您接入人工客服"
SYSTEM_TRANSFERRING = "正在为您转接其他客服"
SYSTEM_TRANSFER_TIMEOUT = "转接超时，由原客服继续为您服务"
AGENT_GREETINGS = ("您好，很高兴为您服务", "您好，请问有什么可以帮您？")
AGENT_CLOSINGS = ("请问还有其他可以帮您的吗？",)
AGENT_FAREWELLS = ("感谢您的耐心，祝您生活愉快", "不客气，有问题随时联系我们")
AGENT_OUTBOUND_OPENINGS = ("您好，这里是客服中心，关于您的订单想跟您确认一下", "您好，我们对您上次反馈的问题做个回访")
UNRESOLVED_DISPOSITIONS = ("转工单跟进", "待客户补充资料", "已升级处理")
COMMENTS_BY_CSAT = {
    1: ("问题没解决，很失望", "等了很久没人管"),
    2: ("等太久了", "回复太慢"),
    3: ("一般", "还行吧"),
    4: ("还不错", "挺好的"),
    5: ("客服很耐心，点赞", "解决得很快，谢谢"),
}
