"""A deterministic synthetic report, for benchmarks and stress tests.

``generate(n_indicators, n_expenses, seed)`` returns the TOML text of a valid
report (format 1) shaped like the real ones: a few tasks, main activities of
several activities each, several executors per activity, long Russian names,
money with two decimals, a few checkable formulas.  Only the standard library
is used, so importing this module costs nothing.
"""

from __future__ import annotations

import json
import random

YEAR = 2021
PROGRAM = "04"
ACTIVITIES_PER_MAIN = 9

_SUBJECTS = (
    "муниципальных услуг", "обращений граждан", "публичных слушаний", "информационных материалов",
    "общественных обсуждений", "административных регламентов", "программных продуктов",
    "мероприятий по цифровой грамотности", "рабочих мест специалистов", "электронных документов",
    "социально значимых проектов", "публикаций на официальном сайте",
)
_QUALIFIERS = (
    "предоставляемых в электронном виде", "на территории муниципального образования «Город Кедровый»",
    "с использованием информационно-коммуникационных технологий",
    "в многофункциональных центрах оказания государственных и муниципальных услуг",
    "от общего количества запланированных", "по социально значимым вопросам и проектам",
    "органами местного самоуправления", "на базе Центра общественного доступа",
)
_ACTIONS = (
    "Приобретение и сопровождение", "Организация и проведение", "Обеспечение деятельности",
    "Содержание и развитие", "Информационное сопровождение", "Модернизация",
    "Подготовка и публикация", "Внедрение",
)
_EXECUTORS = (
    "Администрация города Кедрового", "Отдел образования", "МУ «Культура»",
    "МУ «Кедровская ЦБС»", "МКОУ СОШ №1 г.Кедрового", "МКДОУ детский сад «Родничок» г.Кедрового",
    "МУ «ЦБС»", "МКОУ ДО «ДШИ»", "МУ «ЦБ»", "Финансовый отдел", "Отдел по управлению муниципальным имуществом",
)
_REASONS = (
    "Экономия по результатам закупок",
    "Уменьшение премии специалисту и больничные листы в течение года",
    "Отсутствие заявок от населения",
    "Перенос сроков поставки на следующий год в связи с изменением условий контракта",
)


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _phrase(rng: random.Random, words: int) -> str:
    parts = [rng.choice(_SUBJECTS)]
    for _ in range(words):
        parts.append(rng.choice(_QUALIFIERS))
    return " ".join(parts)


def _indicator(rng: random.Random, task: int, number: int) -> list[str]:
    unit = rng.choice(("%", "Ед.", "чел"))
    name = f"{'Доля' if unit == '%' else 'Количество'} {_phrase(rng, rng.randint(1, 3))} ({number})"
    lines = ["[[indicators]]", f"task = {task}", f"name = {_s(name)}", f"unit = {_s(unit)}"]
    if unit == "%":
        whole = rng.randint(40, 60)
        part = rng.randint(whole // 2, whole)
        plan = rng.choice((80, 90, 100))
        fact = f"{part * 100 / whole:.1f}"
        formula = f"Д=({part}/{whole})*100"
    else:
        plan = rng.randint(5, 400)
        fact = str(max(0, plan + rng.randint(-plan // 3, plan // 2)))
        formula = "Количественный подсчет"
    if rng.random() < 0.1:
        lines.append(f"prev_note = {_s('Показатель не подвергался мониторингу')}")
    else:
        lines.append(f"prev = {rng.randint(max(1, plan // 2), plan + plan // 2)}")
    lines.append(f"plan = {plan}")
    if rng.random() < 0.04:
        lines.append(f"fact_note = {_s('Не измерялся')}")
        lines.append(f"justification = {_s('Мониторинг не проводился в связи с отсутствием специалиста')}")
    else:
        lower = rng.random() < 0.05
        lines.append(f"fact = {fact}")
        if lower:
            lines.append('better = "lower"')
        if (float(fact) > plan) if lower else (float(fact) < plan):
            lines.append(f"justification = {_s(rng.choice(_REASONS))}")
    lines.append(f"formula = {_s(formula)}")
    comment = (f"В {YEAR} году проводилась работа по показателю: {_phrase(rng, 2)}. "
               f"{rng.choice(_REASONS)}.")
    lines.append(f"comment = {_s(comment)}")
    return lines


def generate(n_indicators: int = 500, n_expenses: int = 2000, seed: int = 1) -> str:
    """TOML text of a valid report with about ``n_indicators`` and exactly ``n_expenses`` rows."""
    rng = random.Random(seed)
    n_tasks = max(1, min(9, 3 + n_indicators // 200))
    out = [
        "format = 1", f"year = {YEAR}", "",
        "[program]", f'code = "{PROGRAM}"',
        f"title = {_s('Развитие информационного общества на территории муниципального образования «Город Кедровый»')}",
        f"municipality = {_s('Город Кедровый')}",
        f"goal = {_s('Создание и развитие информационного общества на территории муниципального образования «Город Кедровый»')}",
        "", "[signature]", f"position = {_s('Мэр города Кедрового')}",
        f"name = {_s('Н.А. Соловьева')}", f"executor = {_s('Узварик В.П.')}", "",
    ]
    for task in range(1, n_tasks + 1):
        out += ["[[tasks]]", f"title = {_s(f'Задача развития {task}: ' + _phrase(rng, 2))}", ""]
    for number in range(1, n_indicators + 1):
        task = 0 if number <= max(1, n_indicators // 20) else rng.randint(1, n_tasks)
        out += _indicator(rng, task, number) + [""]

    # Activities: enough of them for ~3.5 executors each, grouped under main activities.
    n_activities = max(1, round(n_expenses / 3.5))
    # more activities per main activity only when two-digit main codes would run out; past
    # 99 × 99 activities the tree widens into subprograms (04.1.ОМ.М, 04.2.ОМ.М …), never
    # the code format
    per_main = min(99, max(ACTIVITIES_PER_MAIN, -(-n_activities // 99)))
    n_mains = max(1, -(-n_activities // per_main))
    subprograms = n_mains > 99
    if n_mains > 9 * 99:
        raise ValueError("too many expense rows for nine subprograms")
    leaves: list[str] = []
    for number in range(1, n_mains + 1):
        task = (number - 1) * n_tasks // n_mains + 1
        sub, main = ((number - 1) // 99 + 1, (number - 1) % 99 + 1) if subprograms else (0, number)
        if subprograms and main == 1:
            out += ["[[activities]]", f'code = "{PROGRAM}.{sub}.00.0"',
                    f"title = {_s(f'Подпрограмма {sub}: ' + _phrase(rng, 1))}", ""]
        out += ["[[activities]]", f'code = "{PROGRAM}.{sub}.{main:02d}.0"', f"task = {task}",
                f"title = {_s(rng.choice(_ACTIONS) + ' ' + _phrase(rng, 1))}", ""]
        count = min(per_main, n_activities - len(leaves))
        for leaf in range(1, count + 1):
            code = f"{PROGRAM}.{sub}.{main:02d}.{leaf}"
            leaves.append(code)
            out += ["[[activities]]", f'code = "{code}"',
                    f"title = {_s(rng.choice(_ACTIONS) + ' ' + _phrase(rng, rng.randint(1, 3)))}", ""]

    per_leaf = [1] * len(leaves)
    for _ in range(n_expenses - len(leaves)):
        per_leaf[rng.randrange(len(leaves))] += 1
    for code, count in zip(leaves, per_leaf):
        for executor in range(count):
            name = _EXECUTORS[executor % len(_EXECUTORS)]
            if executor >= len(_EXECUTORS):
                name += f" ({executor // len(_EXECUTORS) + 1})"
            plan = rng.choice((0, rng.randint(1_000, 90_000_00)))
            cash = plan if rng.random() < 0.8 else rng.randint(plan * 9 // 10, plan)
            out += ["[[expenses]]", f'code = "{code}"', f"executor = {_s(name)}",
                    f"plan_year = {_money(plan)}", f"plan_period = {_money(plan)}",
                    f"cash = {_money(cash)}"]
            if cash < plan:
                out.append(f"justification = {_s(rng.choice(_REASONS))}")
            out.append("")

    for number in range(1, 6):
        out += ["[[amendments]]", f"act = {_s('Постановление Администрации города Кедрового')}",
                f"date = {YEAR}-{2 * number:02d}-{10 + number:02d}", f'number = "{40 + number}"',
                f"summary = {_s('О внесении изменений')}", ""]
    out += ["[narrative]",
            f"intro = {_s('Эффективность работы органов местного самоуправления напрямую зависит от уровня развития информационного общества.' + chr(10) + 'Информация о достигнутых показателях и реализованных мероприятиях:')}",
            f"outro = {_s(f'В {YEAR + 1} году будет продолжена работа по реализации мероприятий программы.')}",
            ""]
    return "\n".join(out)
