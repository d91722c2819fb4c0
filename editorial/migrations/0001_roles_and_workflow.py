from django.db import migrations


def set_up(apps, schema_editor):
    from editorial.roles import set_up_every_news_index

    set_up_every_news_index(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "__latest__"),
        ("wagtaildocs", "__latest__"),
        ("wagtailredirects", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("news", "0001_initial"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
