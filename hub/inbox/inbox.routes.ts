import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../auth/authorize.ts';
import { actorOf } from '../platform/actor.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { PageQuery } from '../platform/cursor.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import { addPrivateNote, markMentionsRead } from './add-note.ts';
import { assignConversation, listAgents, teamsOf } from './assignment.ts';
import { readAttachment } from './attachments.ts';
import { cannedVariables, deleteCanned, listCanned, renderCannedFor, saveCanned } from './canned-responses.ts';
import { newEffects, runEffects, withEffects } from './effects.ts';
import { recordHotlineCall } from './hotline.ts';
import {
  AgentSchema,
  AssignSchema,
  CannedResponseInputSchema,
  CannedResponseSchema,
  ConversationDetailSchema,
  ConversationSchema,
  CountsSchema,
  HotlineCallSchema,
  LabelInputSchema,
  LabelSchema,
  ListConversationsQuery,
  MentionSchema,
  MessageSchema,
  NoteSchema,
  pageOf,
  ReplySchema,
  TeamPolicyInputSchema,
  TeamPolicySchema,
  UpdateConversationSchema,
} from './inbox.schemas.ts';
import { mountInboxStream } from './inbox.stream.ts';
import { deleteLabel, listLabels, saveLabel } from './labels.ts';
import { presenceOf, setAvailability } from './presence.ts';
import { getConversation, inboxCounts, listConversations, listMentions, listMessages } from './query-inbox.ts';
import { sendReply } from './send-reply.ts';
import { setAgentCapacity, setTeamMembers } from './team-members.ts';
import { listTeamPolicies, saveTeamPolicy } from './team-policies.ts';
import { markConversationRead, updateConversation } from './update-conversation.ts';

const tags = ['Hộp thư'];
const IdParam = z.object({ id: z.uuid() });

const r = {
  list: createRoute({
    method: 'get',
    path: '/conversations',
    tags,
    summary: 'Danh sách hội thoại (của tôi, chưa phân công, tất cả; lọc theo trạng thái, kênh, nhãn, nhóm)',
    security: cookieAuth,
    request: { query: ListConversationsQuery },
    responses: {
      200: {
        description: 'Hội thoại, hoạt động mới nhất trước',
        ...json(pageOf(ConversationSchema, 'ConversationPage')),
      },
      ...errorResponses(400, 401, 403),
    },
  }),
  counts: createRoute({
    method: 'get',
    path: '/counts',
    tags,
    summary: 'Số hội thoại đang mở và chưa đọc theo bộ lọc',
    security: cookieAuth,
    responses: { 200: { description: 'Số đếm', ...json(CountsSchema) }, ...errorResponses(401, 403) },
  }),
  get: createRoute({
    method: 'get',
    path: '/conversations/{id}',
    tags,
    summary: 'Một hội thoại, kèm cửa sổ nhắn tin của kênh',
    security: cookieAuth,
    request: { params: IdParam },
    responses: {
      200: { description: 'Hội thoại', ...json(ConversationDetailSchema) },
      ...errorResponses(401, 403, 404),
    },
  }),
  messages: createRoute({
    method: 'get',
    path: '/conversations/{id}/messages',
    tags,
    summary: 'Tin nhắn của hội thoại (cũ trước; `before` để xem trang cũ hơn)',
    security: cookieAuth,
    request: {
      params: IdParam,
      query: z.object({ before: z.string().max(200).optional(), limit: PageQuery.limit }),
    },
    responses: {
      200: { description: 'Tin nhắn', ...json(pageOf(MessageSchema, 'MessagePage')) },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  reply: createRoute({
    method: 'post',
    path: '/conversations/{id}/replies',
    tags,
    summary: 'Trả lời khách trên kênh của hội thoại',
    description:
      'Tin được xếp hàng gửi qua hàng đợi outbound. Nếu nhà cung cấp sẽ từ chối (hết cửa sổ nhắn tin), trả 409 với lý do.',
    security: cookieAuth,
    request: { params: IdParam, body: { ...json(ReplySchema), required: true } },
    responses: {
      201: { description: 'Đã xếp hàng gửi', ...json(MessageSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  note: createRoute({
    method: 'post',
    path: '/conversations/{id}/notes',
    tags,
    summary: 'Ghi chú nội bộ (có thể nhắc tên đồng nghiệp)',
    security: cookieAuth,
    request: { params: IdParam, body: { ...json(NoteSchema), required: true } },
    responses: { 201: { description: 'Đã ghi', ...json(MessageSchema) }, ...errorResponses(400, 401, 403, 404) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/conversations/{id}',
    tags,
    summary: 'Đổi trạng thái (mở, chờ, tạm hoãn đến, đã xử lý), ưu tiên, loại, nhãn, tiêu đề',
    security: cookieAuth,
    request: { params: IdParam, body: { ...json(UpdateConversationSchema), required: true } },
    responses: {
      200: { description: 'Đã cập nhật', ...json(ConversationDetailSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  read: createRoute({
    method: 'post',
    path: '/conversations/{id}/read',
    tags,
    summary: 'Đánh dấu đã xem',
    security: cookieAuth,
    request: { params: IdParam },
    responses: { 204: { description: 'Đã xem' }, ...errorResponses(401, 403, 404) },
  }),
  assign: createRoute({
    method: 'post',
    path: '/conversations/{id}/assignment',
    tags,
    summary: 'Phân công / chuyển người phụ trách (nhân viên tự nhận hội thoại chưa có người)',
    security: cookieAuth,
    request: { params: IdParam, body: { ...json(AssignSchema), required: true } },
    responses: {
      200: { description: 'Đã phân công', ...json(ConversationDetailSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  hotline: createRoute({
    method: 'post',
    path: '/hotline-calls',
    tags,
    summary: 'Ghi nhận cuộc gọi tổng đài: người gọi thành liên hệ, cuộc gọi thành phiếu',
    security: cookieAuth,
    request: { body: { ...json(HotlineCallSchema), required: true } },
    responses: {
      201: {
        description: 'Đã ghi nhận',
        ...json(z.object({ conversationId: z.uuid(), contactId: z.uuid(), contactCreated: z.boolean() })),
      },
      ...errorResponses(400, 401, 403),
    },
  }),
  mentions: createRoute({
    method: 'get',
    path: '/mentions',
    tags,
    summary: 'Những lần tôi được nhắc tên',
    security: cookieAuth,
    request: { query: z.object({ ...PageQuery }) },
    responses: {
      200: { description: 'Nhắc tên', ...json(pageOf(MentionSchema, 'MentionPage')) },
      ...errorResponses(401, 403),
    },
  }),
  mentionsRead: createRoute({
    method: 'post',
    path: '/mentions/read',
    tags,
    summary: 'Đánh dấu đã đọc các lần nhắc tên',
    security: cookieAuth,
    request: { body: { ...json(z.object({ conversationId: z.uuid().optional() })), required: true } },
    responses: { 204: { description: 'Đã đọc' }, ...errorResponses(400, 401, 403) },
  }),
  agents: createRoute({
    method: 'get',
    path: '/agents',
    tags,
    summary: 'Nhân viên trả lời hộp thư: trực tuyến, số hội thoại đang xử lý, sức chứa',
    security: cookieAuth,
    responses: {
      200: { description: 'Nhân viên', ...json(z.object({ items: z.array(AgentSchema) })) },
      ...errorResponses(401, 403),
    },
  }),
  availability: createRoute({
    method: 'put',
    path: '/me/availability',
    tags,
    summary: 'Tôi sẵn sàng nhận hội thoại (online), tạm nghỉ (offline), hoặc theo kết nối (auto)',
    security: cookieAuth,
    request: { body: { ...json(z.object({ status: z.enum(['auto', 'online', 'offline']) })), required: true } },
    responses: {
      200: {
        description: 'Trạng thái',
        ...json(
          z.object({
            availability: z.enum(['auto', 'online', 'offline']),
            online: z.boolean(),
            connected: z.boolean(),
          }),
        ),
      },
      ...errorResponses(400, 401, 403),
    },
  }),
  cannedList: createRoute({
    method: 'get',
    path: '/canned-responses',
    tags,
    summary: 'Câu trả lời mẫu (tìm theo lối tắt hoặc tiêu đề)',
    security: cookieAuth,
    request: {
      query: z.object({
        q: z.string().max(60).optional(),
        teamId: z.uuid().optional(),
        cursor: z.string().max(40).optional().openapi({ description: 'nextCursor của trang trước' }),
        limit: z.coerce.number().int().min(1).max(200).default(200),
      }),
    },
    responses: {
      200: {
        description: 'Câu trả lời mẫu (theo lối tắt) và các biến được hỗ trợ',
        ...json(
          z.object({
            items: z.array(CannedResponseSchema),
            nextCursor: z.string().nullable(),
            variables: z.record(z.string(), z.string()),
          }),
        ),
      },
      ...errorResponses(400, 401, 403),
    },
  }),
  cannedCreate: createRoute({
    method: 'post',
    path: '/canned-responses',
    tags,
    summary: 'Thêm câu trả lời mẫu',
    security: cookieAuth,
    request: { body: { ...json(CannedResponseInputSchema), required: true } },
    responses: {
      201: { description: 'Đã thêm', ...json(CannedResponseSchema) },
      ...errorResponses(400, 401, 403, 409),
    },
  }),
  cannedUpdate: createRoute({
    method: 'put',
    path: '/canned-responses/{id}',
    tags,
    summary: 'Sửa câu trả lời mẫu',
    security: cookieAuth,
    request: { params: IdParam, body: { ...json(CannedResponseInputSchema), required: true } },
    responses: {
      200: { description: 'Đã sửa', ...json(CannedResponseSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  cannedDelete: createRoute({
    method: 'delete',
    path: '/canned-responses/{id}',
    tags,
    summary: 'Xoá câu trả lời mẫu',
    security: cookieAuth,
    request: { params: IdParam },
    responses: { 204: { description: 'Đã xoá' }, ...errorResponses(401, 403, 404) },
  }),
  cannedRender: createRoute({
    method: 'post',
    path: '/canned-responses/{id}/render',
    tags,
    summary: 'Điền biến của câu trả lời mẫu cho một hội thoại',
    security: cookieAuth,
    request: { params: IdParam, body: { ...json(z.object({ conversationId: z.uuid() })), required: true } },
    responses: {
      200: { description: 'Nội dung đã điền', ...json(z.object({ text: z.string() })) },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  labels: createRoute({
    method: 'get',
    path: '/labels',
    tags,
    summary: 'Nhãn hội thoại',
    security: cookieAuth,
    responses: {
      200: { description: 'Nhãn', ...json(z.object({ items: z.array(LabelSchema) })) },
      ...errorResponses(401, 403),
    },
  }),
  labelCreate: createRoute({
    method: 'post',
    path: '/labels',
    tags,
    summary: 'Thêm nhãn',
    security: cookieAuth,
    request: { body: { ...json(LabelInputSchema), required: true } },
    responses: { 201: { description: 'Đã thêm', ...json(LabelSchema) }, ...errorResponses(400, 401, 403, 409) },
  }),
  labelUpdate: createRoute({
    method: 'put',
    path: '/labels/{id}',
    tags,
    summary: 'Sửa nhãn (đổi tên áp dụng cho mọi hội thoại)',
    security: cookieAuth,
    request: { params: IdParam, body: { ...json(LabelInputSchema), required: true } },
    responses: { 200: { description: 'Đã sửa', ...json(LabelSchema) }, ...errorResponses(400, 401, 403, 404, 409) },
  }),
  labelDelete: createRoute({
    method: 'delete',
    path: '/labels/{id}',
    tags,
    summary: 'Xoá nhãn (gỡ khỏi mọi hội thoại)',
    security: cookieAuth,
    request: { params: IdParam },
    responses: { 204: { description: 'Đã xoá' }, ...errorResponses(401, 403, 404) },
  }),
  teams: createRoute({
    method: 'get',
    path: '/teams',
    tags,
    summary: 'Nhóm: kênh phụ trách, tự động phân công, SLA, giờ làm việc, thành viên',
    security: cookieAuth,
    responses: {
      200: { description: 'Nhóm', ...json(z.object({ items: z.array(TeamPolicySchema) })) },
      ...errorResponses(401, 403),
    },
  }),
  teamPolicy: createRoute({
    method: 'put',
    path: '/teams/{id}/policy',
    tags,
    summary: 'Đặt chính sách hộp thư của nhóm (kênh, phân công tự động, SLA theo giờ làm việc)',
    security: cookieAuth,
    request: { params: IdParam, body: { ...json(TeamPolicyInputSchema), required: true } },
    responses: { 200: { description: 'Đã lưu', ...json(TeamPolicySchema) }, ...errorResponses(400, 401, 403, 404) },
  }),
  teamMembers: createRoute({
    method: 'put',
    path: '/teams/{id}/members',
    tags,
    summary: 'Đặt thành viên của nhóm (chỉ thêm được nhân viên trả lời hộp thư; ghi nhật ký)',
    security: cookieAuth,
    request: {
      params: IdParam,
      body: { ...json(z.object({ staffIds: z.array(z.uuid()).max(200) }).openapi('TeamMembersInput')), required: true },
    },
    responses: { 200: { description: 'Đã lưu', ...json(TeamPolicySchema) }, ...errorResponses(400, 401, 403, 404) },
  }),
  agentCapacity: createRoute({
    method: 'put',
    path: '/agents/{id}/capacity',
    tags,
    summary: 'Số hội thoại đang xử lý tối đa của một nhân viên khi phân công tự động',
    security: cookieAuth,
    request: {
      params: IdParam,
      body: {
        ...json(z.object({ capacity: z.number().int().min(1).max(100) }).openapi('AgentCapacityInput')),
        required: true,
      },
    },
    responses: { 200: { description: 'Đã lưu', ...json(AgentSchema) }, ...errorResponses(400, 401, 403, 404) },
  }),
  attachment: createRoute({
    method: 'get',
    path: '/attachments/{id}',
    tags,
    summary: 'Tải tệp đính kèm (email) do hệ thống lưu',
    security: cookieAuth,
    request: { params: IdParam, query: z.object({ inline: z.enum(['1', '0']).optional() }) },
    responses: {
      200: {
        description: 'Nội dung tệp',
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses(401, 403, 404),
    },
  }),
};

export function inboxRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const read = authorize(deps, 'inbox.read');
  const reply = authorize(deps, 'inbox.reply');
  const manage = authorize(deps, 'inbox.assign');
  const byMethod =
    (get: typeof read, other: typeof read): typeof read =>
    (c, next) =>
      c.req.method === 'GET' ? get(c, next) : other(c, next);
  mountInboxStream(app, deps);
  app.use('/conversations', read);
  app.use('/conversations/*', byMethod(read, reply));
  app.use('/counts', read);
  app.use('/mentions', read);
  app.use('/mentions/*', reply);
  app.use('/agents', read);
  app.use('/agents/:id/*', manage);
  app.use('/me/*', reply);
  app.use('/hotline-calls', reply);
  app.use('/canned-responses', byMethod(read, manage));
  app.use('/canned-responses/:id', manage);
  app.use('/canned-responses/:id/render', reply);
  app.use('/labels', byMethod(read, manage));
  app.use('/labels/:id', manage); // '/labels/*' would also match GET /labels
  app.use('/teams', read);
  app.use('/teams/:id/*', manage);
  app.use('/attachments/*', read);

  const staffOf = (c: { get(k: 'staff'): AppEnv['Variables']['staff'] }) => c.get('staff')!;
  const authorOf = (c: Context<AppEnv>) => ({ ...actorOf(c), fullName: staffOf(c).fullName });

  return app
    .openapi(r.list, async (c) => c.json(await listConversations(deps, staffOf(c).id, c.req.valid('query')), 200))
    .openapi(r.counts, async (c) => c.json(await inboxCounts(deps, staffOf(c).id), 200))
    .openapi(r.get, async (c) => c.json(await getConversation(deps, c.req.valid('param').id), 200))
    .openapi(r.messages, async (c) =>
      c.json(await listMessages(deps, c.req.valid('param').id, c.req.valid('query')), 200),
    )
    .openapi(r.reply, async (c) => {
      const { id } = c.req.valid('param');
      const msg = await withEffects(deps, (e) => sendReply(deps, id, c.req.valid('json'), authorOf(c), e));
      return c.json(msg, 201);
    })
    .openapi(r.note, async (c) => {
      const { id } = c.req.valid('param');
      const msg = await withEffects(deps, (e) => addPrivateNote(deps, id, c.req.valid('json'), authorOf(c), e));
      return c.json(msg, 201);
    })
    .openapi(r.update, async (c) => {
      const effects = newEffects();
      const { id } = c.req.valid('param');
      await updateConversation(deps, id, c.req.valid('json'), actorOf(c), effects);
      await runEffects(deps, effects);
      return c.json(await getConversation(deps, id), 200);
    })
    .openapi(r.read, async (c) => {
      const effects = newEffects();
      await markConversationRead(deps, c.req.valid('param').id, effects);
      await runEffects(deps, effects);
      return c.body(null, 204);
    })
    .openapi(r.assign, async (c) => {
      const effects = newEffects();
      const { id } = c.req.valid('param');
      await assignConversation(deps, id, c.req.valid('json'), { ...actorOf(c), role: staffOf(c).role }, effects);
      await runEffects(deps, effects);
      return c.json(await getConversation(deps, id), 200);
    })
    .openapi(r.hotline, async (c) => {
      const effects = newEffects();
      const out = await recordHotlineCall(deps, c.req.valid('json'), actorOf(c), effects);
      await runEffects(deps, effects);
      return c.json(out, 201);
    })
    .openapi(r.mentions, async (c) => c.json(await listMentions(deps, staffOf(c).id, c.req.valid('query')), 200))
    .openapi(r.mentionsRead, async (c) => {
      await markMentionsRead(deps, staffOf(c).id, c.req.valid('json').conversationId);
      return c.body(null, 204);
    })
    .openapi(r.agents, async (c) => c.json({ items: await listAgents(deps) }, 200))
    .openapi(r.availability, async (c) => {
      const me = staffOf(c);
      const before = (await presenceOf(deps, [me.id])).get(me.id)!;
      await setAvailability(deps, me.id, c.req.valid('json').status);
      const after = (await presenceOf(deps, [me.id])).get(me.id)!;
      if (before.online !== after.online) {
        const effects = newEffects();
        effects.events.push({ type: 'presence', staffId: me.id, online: after.online });
        if (after.online) for (const t of await teamsOf(deps, me.id)) effects.assignTeams.add(t);
        await runEffects(deps, effects);
      }
      return c.json(after, 200);
    })
    .openapi(r.cannedList, async (c) =>
      c.json({ ...(await listCanned(deps, c.req.valid('query'))), variables: cannedVariables }, 200),
    )
    .openapi(r.cannedCreate, async (c) => c.json(await saveCanned(deps, null, c.req.valid('json'), actorOf(c)), 201))
    .openapi(r.cannedUpdate, async (c) =>
      c.json(await saveCanned(deps, c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 200),
    )
    .openapi(r.cannedDelete, async (c) => {
      await deleteCanned(deps, c.req.valid('param').id, actorOf(c));
      return c.body(null, 204);
    })
    .openapi(r.cannedRender, async (c) =>
      c.json(await renderCannedFor(deps, c.req.valid('param').id, c.req.valid('json').conversationId, staffOf(c)), 200),
    )
    .openapi(r.labels, async (c) => c.json({ items: await listLabels(deps) }, 200))
    .openapi(r.labelCreate, async (c) => c.json(await saveLabel(deps, null, c.req.valid('json'), actorOf(c)), 201))
    .openapi(r.labelUpdate, async (c) =>
      c.json(await saveLabel(deps, c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 200),
    )
    .openapi(r.labelDelete, async (c) => {
      await deleteLabel(deps, c.req.valid('param').id, actorOf(c));
      return c.body(null, 204);
    })
    .openapi(r.teams, async (c) => c.json({ items: await listTeamPolicies(deps) }, 200))
    .openapi(r.teamPolicy, async (c) => {
      const out = await saveTeamPolicy(deps, c.req.valid('param').id, c.req.valid('json'), actorOf(c));
      await runEffects(deps, { events: [], assignTeams: new Set([out.teamId]) });
      return c.json(out, 200);
    })
    .openapi(r.teamMembers, async (c) => {
      const out = await setTeamMembers(deps, c.req.valid('param').id, c.req.valid('json').staffIds, actorOf(c));
      // a new member may take the team's waiting conversations at once
      await runEffects(deps, { events: [], assignTeams: new Set([out.teamId]) });
      return c.json(out, 200);
    })
    .openapi(r.agentCapacity, async (c) => {
      const { id } = c.req.valid('param');
      const out = await setAgentCapacity(deps, id, c.req.valid('json').capacity, actorOf(c));
      await runEffects(deps, { events: [], assignTeams: new Set(out.teamIds) });
      return c.json(out, 200);
    })
    .openapi(r.attachment, async (c) => {
      const file = await readAttachment(deps, c.req.valid('param').id);
      const inline = c.req.valid('query').inline === '1' && file.mimeType.startsWith('image/');
      const name = encodeURIComponent(file.fileName);
      return c.body(new Uint8Array(file.bytes), 200, {
        'content-type': file.mimeType,
        'content-length': String(file.sizeBytes),
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`,
        'content-security-policy': "default-src 'none'",
        'cache-control': 'private, max-age=3600',
      });
    });
}
