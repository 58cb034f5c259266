import sys; sys.path.insert(0, "/work/main/tests/ui")
from test_retention_review import *
async def test_dump(make_app, db_path):
    seed(db_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: "definitief wissen?" in screen_text(app))
        app.screen.query_one(Input).value = "2023-0001"
        await pilot.press("enter")
        try:
            await wait_for(pilot, lambda: not app.screen.busy and "gewist" in screen_text(app), timeout=5)
        except AssertionError: pass
        print([n.message for n in app._notifications])
        print(screen_text(app))
