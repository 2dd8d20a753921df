import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../auth/authorize.ts';
import { actorOf } from '../platform/actor.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { PageQuery } from '../platform/cursor.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import {
  ContactDetailSchema,
  ContactListItemSchema,
  ContactListQuerySchema,
  ContactNoteSchema,
  ContactSummarySchema,
  ContactTagsSchema,
  CreateContactSchema,
  MergeSuggestionSchema,
  NoteInputSchema,
  pageOf,
  TimelineItemSchema,
  UpdateContactSchema,
} from './contacts.schemas.ts';
import { contactTags, listContacts } from './list-contacts.ts';
import { addNote, createContact, deleteNote, dismissSuggestion, updateContact, updateNote } from './manage-contact.ts';
import { mergeContacts } from './merge-contacts.ts';
import { contactTimeline, getContact, mergeSuggestions, notesOf } from './query-contacts.ts';

const tags = ['Liên hệ'];
const IdParam = z.object({ id: z.uuid() });
const NoteParam = z.object({ id: z.uuid(), noteId: z.uuid() });

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Danh sách liên hệ (tìm theo tên, số điện thoại, email, nhãn)',
  security: cookieAuth,
  description:
    'Tìm theo tên, số điện thoại (mọi cách viết: 0…, 84…, +84…), email hoặc mã Zalo/Messenger; lọc theo nhãn, kênh và gợi ý gộp.',
  request: { query: ContactListQuerySchema },
  responses: {
    200: { description: 'Liên hệ', ...json(pageOf(ContactListItemSchema, 'ContactPage')) },
    ...errorResponses(400, 401, 403),
  },
});

const tagsRoute = createRoute({
  method: 'get',
  path: '/tags',
  tags,
  summary: 'Các nhãn đang dùng cho liên hệ, dùng nhiều nhất trước',
  security: cookieAuth,
  responses: { 200: { description: 'Nhãn', ...json(ContactTagsSchema) }, ...errorResponses(401, 403) },
});

const createContactRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Thêm liên hệ',
  security: cookieAuth,
  request: { body: { ...json(CreateContactSchema), required: true } },
  responses: {
    201: { description: 'Đã thêm', ...json(ContactSummarySchema) },
    ...errorResponses(400, 401, 403, 409),
  },
});

const suggestionsRoute = createRoute({
  method: 'get',
  path: '/merge-suggestions',
  tags,
  summary: 'Gợi ý gộp liên hệ (trùng số điện thoại, email hoặc Zalo)',
  security: cookieAuth,
  request: { query: z.object({ ...PageQuery }) },
  responses: {
    200: { description: 'Các cặp nghi trùng', ...json(pageOf(MergeSuggestionSchema, 'MergeSuggestionPage')) },
    ...errorResponses(401, 403),
  },
});

const dismissRoute = createRoute({
  method: 'post',
  path: '/merge-suggestions/dismiss',
  tags,
  summary: 'Bỏ qua một gợi ý gộp (không phải cùng một người)',
  security: cookieAuth,
  request: { body: { ...json(z.object({ contactIds: z.array(z.uuid()).length(2) })), required: true } },
  responses: { 204: { description: 'Đã bỏ qua' }, ...errorResponses(400, 401, 403, 404) },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'Hồ sơ liên hệ: định danh, bệnh nhân, đồng ý, ghi chú, hội thoại',
  security: cookieAuth,
  request: { params: IdParam },
  responses: { 200: { description: 'Liên hệ', ...json(ContactDetailSchema) }, ...errorResponses(401, 403, 404) },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  summary: 'Sửa liên hệ (tên, số điện thoại, email, nhãn, ghi chú, người phụ trách)',
  security: cookieAuth,
  request: { params: IdParam, body: { ...json(UpdateContactSchema), required: true } },
  responses: {
    200: { description: 'Đã sửa', ...json(ContactDetailSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const timelineRoute = createRoute({
  method: 'get',
  path: '/{id}/timeline',
  tags,
  summary: 'Dòng thời gian mọi tương tác trên mọi kênh',
  security: cookieAuth,
  request: { params: IdParam, query: z.object({ ...PageQuery }) },
  responses: {
    200: { description: 'Tương tác, mới nhất trước', ...json(pageOf(TimelineItemSchema, 'TimelinePage')) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const contactSuggestionsRoute = createRoute({
  method: 'get',
  path: '/{id}/merge-suggestions',
  tags,
  summary: 'Gợi ý gộp của một liên hệ',
  security: cookieAuth,
  request: { params: IdParam, query: z.object({ ...PageQuery }) },
  responses: {
    200: { description: 'Các cặp nghi trùng', ...json(pageOf(MergeSuggestionSchema, 'MergeSuggestionPage')) },
    ...errorResponses(401, 403),
  },
});

const mergeRoute = createRoute({
  method: 'post',
  path: '/{id}/merge',
  tags,
  summary: 'Gộp một liên hệ khác vào liên hệ này',
  description:
    'Chuyển định danh, hội thoại, bệnh nhân, đồng ý, lịch hẹn, thông báo và ghi chú; liên hệ nguồn được giữ lại dưới dạng đã gộp.',
  security: cookieAuth,
  request: { params: IdParam, body: { ...json(z.object({ sourceContactId: z.uuid() })), required: true } },
  responses: {
    200: {
      description: 'Đã gộp',
      ...json(z.object({ contact: ContactDetailSchema, moved: z.record(z.string(), z.number()) })),
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const notesRoute = createRoute({
  method: 'get',
  path: '/{id}/notes',
  tags,
  summary: 'Ghi chú (kể cả ghi chú tái tiếp thị)',
  security: cookieAuth,
  request: { params: IdParam, query: z.object({ ...PageQuery }) },
  responses: {
    200: { description: 'Ghi chú', ...json(pageOf(ContactNoteSchema, 'ContactNotePage')) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const addNoteRoute = createRoute({
  method: 'post',
  path: '/{id}/notes',
  tags,
  summary: 'Thêm ghi chú',
  security: cookieAuth,
  request: { params: IdParam, body: { ...json(NoteInputSchema), required: true } },
  responses: {
    201: { description: 'Đã thêm', ...json(z.object({ id: z.uuid() })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const updateNoteRoute = createRoute({
  method: 'patch',
  path: '/{id}/notes/{noteId}',
  tags,
  summary: 'Sửa ghi chú',
  security: cookieAuth,
  request: { params: NoteParam, body: { ...json(NoteInputSchema.partial()), required: true } },
  responses: { 204: { description: 'Đã sửa' }, ...errorResponses(400, 401, 403, 404) },
});

const deleteNoteRoute = createRoute({
  method: 'delete',
  path: '/{id}/notes/{noteId}',
  tags,
  summary: 'Xoá ghi chú',
  security: cookieAuth,
  request: { params: NoteParam },
  responses: { 204: { description: 'Đã xoá' }, ...errorResponses(401, 403, 404) },
});

export function contactRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const read = authorize(deps, 'contacts.read');
  const write = authorize(deps, 'contacts.write');
  const merge = authorize(deps, 'contacts.merge');
  app.use('/', async (c, next) => (c.req.method === 'GET' ? read(c, next) : write(c, next)));
  app.use('/tags', read);
  app.use('/merge-suggestions', read);
  app.use('/merge-suggestions/dismiss', merge);
  app.use('/:id', async (c, next) => (c.req.method === 'GET' ? read(c, next) : write(c, next)));
  app.use('/:id/timeline', read);
  app.use('/:id/merge-suggestions', read);
  app.use('/:id/merge', merge);
  app.use('/:id/notes', async (c, next) => (c.req.method === 'GET' ? read(c, next) : write(c, next)));
  app.use('/:id/notes/*', write);

  return app
    .openapi(listRoute, async (c) => c.json(await listContacts(deps, c.req.valid('query')), 200))
    .openapi(createContactRoute, async (c) => c.json(await createContact(deps, c.req.valid('json'), actorOf(c)), 201))
    .openapi(tagsRoute, async (c) => c.json(await contactTags(deps), 200))
    .openapi(suggestionsRoute, async (c) => c.json(await mergeSuggestions(deps, c.req.valid('query')), 200))
    .openapi(dismissRoute, async (c) => {
      const [a, b] = c.req.valid('json').contactIds as [string, string];
      await dismissSuggestion(deps, a, b, actorOf(c));
      return c.body(null, 204);
    })
    .openapi(getRoute, async (c) => c.json(await getContact(deps, c.req.valid('param').id), 200))
    .openapi(updateRoute, async (c) =>
      c.json(await updateContact(deps, c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 200),
    )
    .openapi(timelineRoute, async (c) =>
      c.json(await contactTimeline(deps, c.req.valid('param').id, c.req.valid('query')), 200),
    )
    .openapi(contactSuggestionsRoute, async (c) =>
      c.json(await mergeSuggestions(deps, { ...c.req.valid('query'), contactId: c.req.valid('param').id }), 200),
    )
    .openapi(mergeRoute, async (c) => {
      const targetId = c.req.valid('param').id;
      const { moved } = await mergeContacts(
        deps,
        { targetId, sourceId: c.req.valid('json').sourceContactId },
        actorOf(c),
      );
      return c.json({ contact: await getContact(deps, targetId), moved }, 200);
    })
    .openapi(notesRoute, async (c) => {
      const { id } = c.req.valid('param');
      await getContact(deps, id);
      const q = c.req.valid('query');
      return c.json(await notesOf(deps, id, q.limit, q.cursor), 200);
    })
    .openapi(addNoteRoute, async (c) =>
      c.json({ id: await addNote(deps, c.req.valid('param').id, c.req.valid('json'), actorOf(c)) }, 201),
    )
    .openapi(updateNoteRoute, async (c) => {
      const { id, noteId } = c.req.valid('param');
      await updateNote(deps, id, noteId, c.req.valid('json'), actorOf(c));
      return c.body(null, 204);
    })
    .openapi(deleteNoteRoute, async (c) => {
      const { id, noteId } = c.req.valid('param');
      await deleteNote(deps, id, noteId, actorOf(c));
      return c.body(null, 204);
    });
}
