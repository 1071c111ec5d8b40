-- A password an administrator chose (a new user's first, a reset, the bootstrap admin's) must be
-- replaced by the user before anything else; existing users keep working as they are.
alter table app_user add column must_change_password boolean default false not null;
